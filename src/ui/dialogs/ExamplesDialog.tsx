// The examples gallery: each example teaches one thing and is a permalink of its own (#example/<id>).
import { Dialog } from '../components/Dialog.tsx';
import { EXAMPLES } from '../examples/index.ts';
import { useLoadExample } from '../examples/useLoadExample.ts';
import { useActions } from '../state/context.ts';

export function ExamplesDialog() {
  const { openDialog } = useActions();
  const load = useLoadExample();
  return (
    <Dialog title="Examples" onClose={() => openDialog(null)} testId="examples-dialog" wide>
      <ul className="example-grid">
        {EXAMPLES.map((e) => (
          <li key={e.id}>
            <button type="button" className="example-card" onClick={() => load(e.id)} data-testid={`example-${e.id}`}>
              <strong>{e.title}</strong>
              <span>{e.teaches}</span>
              <span className="muted mono">{e.files.map((f) => f.name).join(' · ')}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
