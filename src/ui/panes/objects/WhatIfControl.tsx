// The what-if knob on one Pod or workload: run the engine as if its Pods were ready, not ready,
// Pending or Failed (the cluster simulation's RunOptions.whatIf). "as is" takes the knob away.
import { useActions, useApp } from '../../state/context.ts';
import { whatIfOf } from '../../state/transitions.ts';
import type { PodStateChoice } from '../../../worker/protocol.ts';

const CHOICES: [PodStateChoice, string][] = [
  ['ready', 'ready'],
  ['not-ready', 'not ready'],
  ['pending', 'Pending'],
  ['failed', 'Failed'],
];

export function WhatIfControl({ kind, namespace, name }: { kind: string; namespace: string; name: string }) {
  const current = useApp((s) => whatIfOf(s.whatIf, { kind, namespace, name }));
  const { setWhatIf } = useActions();
  const whole = kind === 'Pod' ? 'this Pod' : `every Pod of ${kind} ${namespace}/${name}`;
  return (
    <label className={`whatif${current ? ' is-set' : ''}`} title={`What if ${whole} were…`}>
      <span className="whatif-label">what if</span>
      <select
        aria-label={`What if ${kind} ${namespace}/${name} were`}
        data-testid="what-if"
        data-object={`${kind}/${namespace}/${name}`}
        value={current ?? ''}
        onChange={(e) => setWhatIf({ kind, namespace, name }, (e.target.value || undefined) as PodStateChoice | undefined)}
      >
        <option value="">as is</option>
        {CHOICES.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
        {current && !CHOICES.some(([v]) => v === current) ? <option value={current}>{current}</option> : null}
      </select>
    </label>
  );
}
