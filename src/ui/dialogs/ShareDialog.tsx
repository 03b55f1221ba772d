// Share: a link holding the whole session in its #fragment (browsers never send it to a server).
// Private values are removed first (in the worker) — Secret data, env values, last-applied
// annotations, config credentials — with a preview of what goes, each kind switchable.
import { useEffect, useMemo, useState } from 'react';
import type { InputFile } from '../../engine/index.ts';
import { STRIP_KINDS, STRIP_KIND_TITLES, type StripKind, type StripReport } from '../../worker/strip-kinds.ts';
import { copyText } from '../components/CopyButton.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { sessionUrl, type Session } from '../permalink/codec.ts';
import { useActions, useApp } from '../state/context.ts';
import { VIEW_TITLES } from '../state/views.ts';

/** Past this, some chat tools and ticket systems cut links. */
const LONG_LINK = 8000;
/** Chrome's URL length limit. */
const MAX_URL = 2 * 1024 * 1024;
/** Removals listed per kind in the preview. */
const PREVIEW = 8;

function size(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function ShareDialog() {
  const { openDialog, strip, session, markClean } = useActions();
  const profile = useApp((s) => s.profile);
  const view = useApp((s) => s.view);
  const target = useApp((s) => s.selectedTarget);
  const filter = useApp((s) => s.filter);
  const [remove, setRemove] = useState<Set<StripKind>>(() => new Set(STRIP_KINDS));
  const [stripped, setStripped] = useState<{ files: InputFile[]; report: StripReport; fragment?: string; sizes?: number[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');

  // The worker strips the input and compresses it into the link (a big input takes a while: never on this thread).
  // Profile, view, selection and filter are part of the link, so it is made again when they change.
  useEffect(() => {
    let live = true;
    setStripped(null);
    strip([...remove], true)
      .then((r) => live && setStripped(r))
      .catch((e: unknown) => live && setError(String(e instanceof Error ? e.message : e)));
    return () => {
      live = false;
    };
  }, [remove, strip, profile, view, target, filter]);

  const link = useMemo(() => {
    if (!stripped) return '';
    if (stripped.fragment !== undefined) return `${location.href.replace(/#.*$/, '')}#${stripped.fragment}`;
    const s: Session = { ...session(), files: stripped.files.map((f) => ({ name: f.name, text: f.text })) };
    return sessionUrl(location.href, s);
  }, [stripped, session]);

  const close = () => openDialog(null);
  const toggle = (k: StripKind) => {
    const next = new Set(remove);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setRemove(next);
  };

  return (
    <Dialog title="Share this session" onClose={close} testId="share-dialog" wide>
      {error ? <p className="banner banner-error">Could not prepare the link: {error}</p> : null}
      {!stripped ? (
        <p className="muted" data-testid="share-preparing">
          Preparing the link…
        </p>
      ) : (
        <>
          <div className="share-link-row">
            <input className="share-link mono" readOnly value={link} aria-label="Link" data-testid="share-link" onFocus={(e) => e.target.select()} />
            <button
              type="button"
              className="btn btn-primary"
              data-testid="share-copy"
              onClick={() => {
                history.replaceState(null, '', link);
                markClean();
                void copyText(link).then((ok) => setCopied(ok ? 'done' : 'failed'));
              }}
            >
              {copied === 'done' ? 'Copied' : copied === 'failed' ? 'Copy failed — select and copy' : 'Copy link'}
            </button>
          </div>
          <p className="muted" data-testid="share-length">
            {link.length.toLocaleString('en')} characters.
            {link.length > MAX_URL ? ' Too long for most browsers: share the files instead.' : link.length > LONG_LINK ? ' Some chat tools and ticket systems cut links this long.' : ''}
          </p>
          <div className="share-cols">
            <section>
              <h3>What the link holds</h3>
              <ul className="share-included" data-testid="share-included">
                {stripped.files.map((f, i) => (
                  <li key={f.name}>
                    <span className="mono">{f.name}</span> <span className="muted">({size(stripped.sizes?.[i] ?? f.text.length)})</span>
                  </li>
                ))}
                <li>Profile: {profile === 'auto' ? 'from the input' : profile}</li>
                <li>View: {VIEW_TITLES[view]}</li>
                {target ? <li>Selected target: <span className="mono">{target}</span></li> : null}
                {filter ? <li>Filter: <span className="mono">{filter}</span></li> : null}
              </ul>
              <p className="muted">The input travels in the part of the link after #, which browsers never send to any server.</p>
            </section>
            <section>
              <h3>Removed before sharing</h3>
              {STRIP_KINDS.map((k) => {
                const list = stripped.report.removals.filter((r) => r.kind === k);
                return (
                  <div key={k} className="strip-kind">
                    <label className="check">
                      <input type="checkbox" checked={remove.has(k)} onChange={() => toggle(k)} data-testid={`strip-${k}`} /> Remove {STRIP_KIND_TITLES[k]} <span className="muted">({list.length} found)</span>
                    </label>
                    {list.length ? (
                      <ul className={`removals${remove.has(k) ? '' : ' kept'}`} data-testid="share-removals" aria-label={`${STRIP_KIND_TITLES[k]} found`}>
                        {list.slice(0, PREVIEW).map((r, i) => (
                          <li key={i}>
                            <span className="mono muted">
                              {r.file}:{r.line}
                            </span>{' '}
                            {r.where}
                          </li>
                        ))}
                        {list.length > PREVIEW ? <li className="muted">and {list.length - PREVIEW} more</li> : null}
                      </ul>
                    ) : null}
                  </div>
                );
              })}
              {stripped.report.unreadable.length ? (
                <p className="banner banner-info">Left out because they could not be read (they might hide secrets): {stripped.report.unreadable.join(', ')}</p>
              ) : null}
            </section>
          </div>
        </>
      )}
    </Dialog>
  );
}
