// A label set on one line: `name="value"` chips (the Prometheus way of printing labels).
import type { Labels } from '../../engine/index.ts';

export function labelText(name: string, value: string): string {
  return `${name}=${JSON.stringify(value)}`;
}

export function LabelChips({ labels, testId }: { labels: Labels; testId?: string }) {
  const keys = Object.keys(labels).sort();
  return (
    <span className="chips" data-testid={testId}>
      {keys.map((k) => (
        <span key={k} className="chip" data-testid="label-chip">
          {labelText(k, labels[k] as string)}
        </span>
      ))}
    </span>
  );
}
