// Runs one converter as a separate, limited process (docs/security.md, "Renditions"): its own
// process group (killed whole on timeout), an address-space, CPU-time and file-size limit set by
// prlimit before the converter starts, no network (a new, empty network namespace from unshare),
// and an environment that names only its job folder.
import { spawn } from 'node:child_process';

export interface SandboxLimits {
  /** Wall-clock limit: the whole process group is killed when it passes. */
  timeoutMs: number;
  /** Address-space limit (RLIMIT_AS) of every process of the job. */
  memoryBytes: number;
  /** Largest file the job may write (RLIMIT_FSIZE): a decompression bomb stops here, not at a full disk. */
  maxFileBytes: number;
}

export interface SandboxOptions {
  /** The job's own folder: its working directory, HOME and TMPDIR. */
  jobDir: string;
  limits: SandboxLimits;
  /** Run inside a new network namespace (no interface but a down loopback). */
  isolateNetwork: boolean;
  /** Called with the job's process group id as soon as it runs (for a reaper to kill should we die). */
  onStart?: (processGroup: number) => void;
}

export interface SandboxResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The end of what the converter wrote to stdout and stderr, for the log. */
  output: string;
}

const OUTPUT_TAIL = 2_000;

/** The command line that applies the limits: `sh (autogroup nice 19) [unshare -rn --] nice -n 19 prlimit … -- command args`. */
export function sandboxedCommand(
  command: string,
  args: readonly string[],
  { limits, isolateNetwork }: Pick<SandboxOptions, 'limits' | 'isolateNetwork'>,
): string[] {
  const cpuSeconds = Math.max(1, Math.ceil(limits.timeoutMs / 1000));
  // Converting is batch work and answering agents is not: converters yield the CPU to the proxy.
  const prlimit = [
    'nice',
    '-n',
    '19',
    'prlimit',
    `--as=${limits.memoryBytes}`,
    `--cpu=${cpuSeconds}`,
    `--fsize=${limits.maxFileBytes}`,
    '--core=0',
    '--',
    command,
    ...args,
  ];
  // -r maps the caller to root inside a new user namespace, which lets an unprivileged proxy make
  // the network namespace; the converter gains no privilege outside it.
  const isolated = isolateNetwork ? ['unshare', '-rn', '--', ...prlimit] : prlimit;
  // The job is a session of its own (its process group is killed whole), and Linux schedules each
  // session as an autogroup: a nice value counts only inside it. The autogroup's own nice level puts
  // the whole job behind the proxy (a no-op where autogroups are off).
  return ['sh', '-c', 'echo 19 > /proc/self/autogroup 2>/dev/null; exec "$@"', 'converter', ...isolated];
}

/** Runs `command` under the sandbox and waits for it (or for the wall-clock limit). Never throws for the converter's failure. */
export function runSandboxed(
  command: string,
  args: readonly string[],
  options: SandboxOptions,
): Promise<SandboxResult> {
  const [program, ...rest] = sandboxedCommand(command, args, options);
  return new Promise((resolve, reject) => {
    const child = spawn(program as string, rest, {
      cwd: options.jobDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: '/usr/local/bin:/usr/bin:/bin',
        HOME: options.jobDir,
        TMPDIR: options.jobDir,
        LANG: 'C.UTF-8',
      },
    });
    if (child.pid !== undefined) options.onStart?.(child.pid);
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
      // Once more a moment later: a process forked while the first signal was on its way escapes it.
      setTimeout(killGroup, 200).unref();
    }, options.limits.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      // Whatever the converter left running in its group (LibreOffice's helpers) goes with it.
      killGroup();
      resolve({ exitCode, signal, timedOut, output });
    });
  });
}
