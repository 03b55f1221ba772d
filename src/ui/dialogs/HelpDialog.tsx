// Keyboard shortcuts, link syntax and the privacy promise.
import { Dialog } from '../components/Dialog.tsx';
import { useActions } from '../state/context.ts';
import { VIEWS, VIEW_TITLES } from '../state/views.ts';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export function HelpDialog() {
  const { openDialog } = useActions();
  return (
    <Dialog title="Help" onClose={() => openDialog(null)} testId="help-dialog">
      <h3>Keyboard</h3>
      <table className="keys">
        <tbody>
          <tr><th scope="row"><kbd>{MOD}</kbd>+<kbd>Enter</kbd></th><td>Run the engine now (it also runs shortly after every edit)</td></tr>
          <tr><th scope="row"><kbd>{MOD}</kbd>+<kbd>S</kbd></th><td>Share a link</td></tr>
          <tr><th scope="row"><kbd>{MOD}</kbd>+<kbd>K</kbd></th><td>Filter targets and labels</td></tr>
          <tr><th scope="row"><kbd>Alt</kbd>+<kbd>1</kbd>…<kbd>{VIEWS.length}</kbd></th><td>Switch view, in tab order ({VIEWS.map((v) => VIEW_TITLES[v]).join(', ')})</td></tr>
          <tr><th scope="row"><kbd>?</kbd></th><td>This help</td></tr>
          <tr><th scope="row"><kbd>Esc</kbd></th><td>Close a dialog</td></tr>
        </tbody>
      </table>
      <h3>Filter</h3>
      <p>Words match any label, URL, job or drop rule; <code>name=value</code> matches a label exactly, <code>name~part</code> by substring, <code>name!=value</code> excludes.</p>
      <h3>Links</h3>
      <p><code>#v1/…</code> holds the whole session, compressed; <code>#example/&lt;name&gt;</code> opens a shipped example. Links made today keep working in later versions.</p>
      <h3>Privacy</h3>
      <p>The engine runs in your browser (a Web Worker); the page loads nothing from any other site and sends nothing anywhere. Shared links carry the input after #, which browsers never send to servers; Secret values, env values, last-applied annotations and config credentials are removed first unless you choose otherwise.</p>
    </Dialog>
  );
}
