// Servers the tests start (Swift, Redis) must not outlive the test process, however it ends.
import type { ChildProcess } from 'node:child_process';

/**
 * A shell watcher that kills what a test process started if that process dies without running exit
 * handlers (SIGKILL, OOM): the pipe from us closes and `read` sees EOF. Lines are `<pid>` (track) or
 * `-<pid>` (exited, forget it); `$1` is a temp folder it removes.
 */
export const REAPER = `trap '' INT TERM HUP
pids=' '
while read -r line; do
  case "$line" in
    -*) pids=$(printf '%s' "$pids" | sed "s/ \${line#-} / /") ;;
    *) pids="$pids$line " ;;
  esac
done
[ -n "\${pids# }" ] && kill -9 $pids 2>/dev/null
rm -rf -- "$1"`;

/** Last resort when a test forgets stop() or the process exits on an uncaught error or a signal. */
export const cleanups = new Set<() => void>();
let exitHookInstalled = false;

export function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const runAll = () => {
    for (const cleanup of cleanups) cleanup();
    cleanups.clear();
  };
  process.once('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      runAll();
      process.removeListener(signal, onSignal);
      // Keep the default "die on signal" unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

export function running(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

export function exited(child: ChildProcess): Promise<void> {
  if (!running(child)) return Promise.resolve();
  child.ref();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
