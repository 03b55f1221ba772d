// The toolbar: name, examples, files, engine profile, run, share, theme, help.
import { findExample } from '../examples/index.ts';
import { OpenFiles } from '../input/OpenFiles.tsx';
import { useActions, useApp } from '../state/context.ts';
import { toggleTheme, useTheme } from '../theme.ts';
import { ProfilePicker } from './ProfilePicker.tsx';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export function Header() {
  const { openDialog, runNow } = useActions();
  const exampleId = useApp((s) => s.exampleId);
  const dirty = useApp((s) => s.dirty);
  const title = exampleId ? `${findExample(exampleId)?.title ?? exampleId}${dirty ? ' (edited)' : ''}` : undefined;
  const theme = useTheme();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◎
        </span>
        <h1>ksd playground</h1>
        <span className="tagline muted">{title ? `Example: ${title}` : 'why is my target not scraped?'}</span>
      </div>
      <nav className="toolbar" aria-label="Toolbar">
        <button type="button" className="btn" onClick={() => openDialog('examples')} data-testid="open-examples">
          Examples
        </button>
        <OpenFiles />
        <ProfilePicker />
        <button type="button" className="btn btn-primary" onClick={runNow} title={`Run the engine (${MOD}+Enter)`} data-testid="run">
          Run
        </button>
        <button type="button" className="btn" onClick={() => openDialog('share')} title={`Share a link to this session (${MOD}+S)`} data-testid="share">
          Share
        </button>
        <button type="button" className="btn btn-icon" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} title="Light / dark theme" data-testid="theme-toggle">
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        <button type="button" className="btn btn-icon" onClick={() => openDialog('help')} aria-label="Help and keyboard shortcuts" title="Help (?)">
          ?
        </button>
      </nav>
    </header>
  );
}
