// A label set as a two-column table with hover explanations on the names and copy for the whole set.
import type { Labels } from '../../engine/index.ts';
import { CopyButton } from './CopyButton.tsx';
import { LabelName } from './LabelName.tsx';
import { labelText } from './LabelChips.tsx';

export function formatLabelSet(labels: Labels): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => labelText(k, labels[k] as string))
    .join(', ')}}`;
}

export function LabelTable({ title, labels, testId }: { title: string; labels: Labels; testId?: string }) {
  const keys = Object.keys(labels).sort();
  return (
    <section className="label-table" data-testid={testId} aria-label={title}>
      <header>
        <h4>
          {title} <span className="muted">({keys.length})</span>
        </h4>
        <CopyButton text={formatLabelSet(labels)} title={`Copy ${title.toLowerCase()}`} />
      </header>
      <table>
        <tbody>
          {keys.map((k) => (
            <tr key={k}>
              <th scope="row">
                <LabelName name={k} />
              </th>
              <td className="label-value">{labels[k]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
