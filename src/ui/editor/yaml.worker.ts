// The YAML language service worker (monaco-yaml). A file of our own so Vite bundles it as a worker
// module; see monaco-yaml's README, "Why doesn't it work with Vite?".
import 'monaco-yaml/yaml.worker.js';
