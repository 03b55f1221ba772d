// `ksd`: a thin function of (args, files) over the engine. No file system access here —
// the caller passes a reader, so tests run it in-process.
import { formatDiagnostic, getProfile, listProfiles, run, toApiTargets, type InputFile, type RunOptions } from '../engine/index.ts';
import { formatTable } from './format-table.ts';
import { formatObjects, formatGeneratedConfigs } from './format-print.ts';
import { diagnose } from '../engine/diagnose/index.ts';
import { countMatching, formatExplain, formatMatchers, parseMatcher, type Matcher } from './format-explain.ts';

export interface CliIo {
  /** Reads a path: a file gives one entry, a directory every file below it (sorted). Throws on a missing path. */
  readInput(path: string): InputFile[];
  stdout(text: string): void;
  stderr(text: string): void;
}

export const USAGE = `usage: ksd [options] FILE|DIR...

Simulates kubernetes_sd_configs discovery, relabeling and target building offline.
Files are classified by content: Kubernetes objects (YAML, JSON, kubectl dumps,
cluster-info dump trees) and scrape configs (prometheus.yml) may be mixed.

options:
  --engine, --profile ID   ${'' /* list filled at runtime */}engine profile (default prometheus-3.14)
  --format table|json      output format (default table)
  --trace                  print every step of every target (table format)
  --all                    list every dropped target (table format)
  --own-namespace NS       namespace for namespaces.own_namespace (default "default")
  --print-objects          print every object the engine sees (input, implied, simulated) as YAML
  --print-config           print the scrape config the operators would generate (YAML, operator order)
  --reveal-secrets         with --print-config: show Secret values operators inline (masked otherwise)
  --no-simulate            do not simulate controllers (use the input as a complete cluster state)
  --explain                print why expected targets are missing (diagnoses, with the field to change
                           and a verified suggested edit)
  --expect MATCHER         an active target must match, e.g. 'job=audit' (repeatable; =, !=, =~, !~)
  --expect-count N         with --expect: exactly N active targets must match (default: at least 1)
  -h, --help               this help
exit codes: 0 ok, 1 the input had errors, 2 usage error, 3 an --expect failed`;

interface Args {
  profile: string;
  /** False when the profile is the default: operator objects then pick their family's engine. */
  profileGiven: boolean;
  format: 'table' | 'json';
  trace: boolean;
  all: boolean;
  ownNamespace: string;
  printObjects: boolean;
  printConfig: boolean;
  revealSecrets: boolean;
  simulate: boolean;
  explain: boolean;
  expect: Matcher[];
  expectCount: number | undefined;
  paths: string[];
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { profile: 'prometheus-3.14', profileGiven: false, format: 'table', trace: false, all: false, ownNamespace: 'default', printObjects: false, printConfig: false, revealSecrets: false, simulate: true, explain: false, expect: [], expectCount: undefined, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--engine':
      case '--profile': {
        const v = value();
        if (!v) return `${flag} needs a value`;
        a.profile = v;
        a.profileGiven = true;
        break;
      }
      case '--format': {
        const v = value();
        if (v !== 'table' && v !== 'json') return `--format must be table or json, not ${JSON.stringify(v ?? '')}`;
        a.format = v;
        break;
      }
      case '--trace':
        a.trace = true;
        break;
      case '--all':
        a.all = true;
        break;
      case '--print-objects':
        a.printObjects = true;
        break;
      case '--print-config':
        a.printConfig = true;
        break;
      case '--reveal-secrets':
        a.revealSecrets = true;
        break;
      case '--no-simulate':
        a.simulate = false;
        break;
      case '--explain':
        a.explain = true;
        break;
      case '--expect': {
        const m = parseMatcher(value() ?? '');
        if (typeof m === 'string') return m;
        a.expect.push(m);
        break;
      }
      case '--expect-count': {
        const v = value();
        if (!v || !/^\d+$/.test(v)) return `--expect-count needs a non-negative integer, not ${JSON.stringify(v ?? '')}`;
        a.expectCount = Number(v);
        break;
      }
      case '--own-namespace': {
        const v = value();
        if (!v) return '--own-namespace needs a value';
        a.ownNamespace = v;
        break;
      }
      case '-h':
      case '--help':
        return 'help';
      default:
        if (flag.startsWith('-') && flag !== '-') return `unknown option ${flag}`;
        a.paths.push(arg);
    }
  }
  if (a.expectCount !== undefined && !a.expect.length) return '--expect-count needs at least one --expect';
  return a;
}

/** Runs the CLI; returns the exit code. */
export function runCli(argv: string[], io: CliIo): number {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (typeof args === 'string') {
    io.stderr(`ksd: ${args}\n${USAGE}\n`);
    return 2;
  }
  const profile = getProfile(args.profile);
  if (!profile) {
    io.stderr(`ksd: unknown engine profile ${JSON.stringify(args.profile)}; known: ${listProfiles().map((p) => p.id).join(', ')}\n`);
    return 2;
  }
  if (args.paths.length === 0) {
    io.stderr(`ksd: no input files\n${USAGE}\n`);
    return 2;
  }
  const files: InputFile[] = [];
  for (const p of args.paths) {
    try {
      files.push(...io.readInput(p));
    } catch (e) {
      io.stderr(`ksd: cannot read ${p}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  }
  const opts: RunOptions = { trace: args.trace, ownNamespace: args.ownNamespace, simulate: args.simulate, revealSecrets: args.revealSecrets };
  if (args.profileGiven) opts.profile = profile.id;
  const res = run(files, opts);
  for (const d of res.diagnostics) if (d.severity !== 'info') io.stderr(formatDiagnostic(d) + '\n');
  if (args.printObjects) io.stdout(formatObjects(res));
  else if (args.printConfig) io.stdout(formatGeneratedConfigs(res));
  else if (args.format === 'json') io.stdout(JSON.stringify(args.explain ? { ...toApiTargets(res), diagnoses: diagnose(files, res, { runOptions: opts }) } : toApiTargets(res), null, 2) + '\n');
  else io.stdout(formatTable(res, { trace: args.trace, maxDropped: args.all ? 0 : 50 }));
  const n = args.expect.length ? countMatching(res, args.expect) : 0;
  const failed = args.expect.length > 0 && (args.expectCount === undefined ? n < 1 : n !== args.expectCount);
  const json = args.format === 'json' && !args.printObjects && !args.printConfig;
  // --explain text goes to stdout; a failed --expect explains itself on stderr (for CI logs).
  if (args.explain && !json) io.stdout(formatExplain(diagnose(files, res, { runOptions: opts })));
  else if (failed) io.stderr(formatExplain(diagnose(files, res, { runOptions: opts })));
  if (failed) {
    io.stderr(`ksd: expectation failed: ${n} active target${n === 1 ? '' : 's'} match ${formatMatchers(args.expect)}, want ${args.expectCount === undefined ? 'at least 1' : args.expectCount}\n`);
    return 3;
  }
  return res.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
