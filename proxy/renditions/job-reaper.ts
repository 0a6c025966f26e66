// What converter jobs leave behind when the process running them dies without cleaning up (SIGKILL,
// the kernel's OOM killer): the converter's process group, which the dead process's wall-clock timer
// can no longer kill, and the job's folder. A small shell process, started with the first job, reads
// what each job holds from a pipe; when the pipe closes while jobs are still open (we died), it kills
// their process groups and removes their paths. Ending normally, a job is forgotten.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

// Lines: `g <job> <process group>`, `p <job> <path>`, `- <job>` (the job ended: forget it).
// At end of input: every open group is killed, then every open path removed (a converter left
// running would write its profile again). `kill -9 -<group>`, not `kill -9 -- -<group>`: dash, the
// usual /bin/sh, takes `--` for a process id and kills nothing.
const SCRIPT = `trap '' INT TERM HUP
jobs=''
while IFS= read -r line; do
  case "$line" in
    -*) jobs=$(printf '%s\\n' "$jobs" | grep -v -e "^[gp] \${line#- } ") ;;
    *) jobs="$jobs
$line" ;;
  esac
done
printf '%s\\n' "$jobs" | while read -r kind job what; do [ "$kind" = g ] && kill -9 "-$what" 2>/dev/null; done
printf '%s\\n' "$jobs" | while read -r kind job what; do [ "$kind" = p ] && rm -rf -- "$what"; done
exit 0`;

/** What one job holds, for the reaper to clean up should this process die mid-job. */
export interface ReapedJob {
  /** A path to remove (the job's folder, files it makes outside it). */
  path(path: string): void;
  /** The converter's process group, to kill. */
  group(pid: number): void;
  /** The job ended and cleaned up after itself. */
  done(): void;
}

export class JobReaper {
  private child?: ChildProcess;
  private input?: Writable;
  private jobs = 0;

  job(): ReapedJob {
    this.jobs += 1;
    const id = this.jobs;
    return {
      path: (path) => {
        // A line break would end the line early; job paths are ours and have none.
        if (!/[\r\n]/.test(path)) this.write(`p ${id} ${path}`);
      },
      group: (pid) => this.write(`g ${id} ${pid}`),
      done: () => this.write(`- ${id}`),
    };
  }

  /** Ends the reaper: it cleans up what is still open (nothing, after a graceful stop) and exits. */
  close(): void {
    this.input?.end();
    this.input = undefined;
    this.child = undefined;
  }

  private write(line: string): void {
    if (!this.input) this.start();
    this.input?.write(`${line}\n`);
  }

  private start(): void {
    const child = spawn('sh', ['-c', SCRIPT, 'converter-reaper'], { stdio: ['pipe', 'ignore', 'ignore'] });
    const input = child.stdin as Writable & { unref?: () => void };
    // Neither keeps this process alive: the reaper's work begins when we are gone.
    child.unref();
    input.unref?.();
    input.on('error', () => undefined);
    child.on('error', () => undefined);
    child.on('exit', () => {
      // Killed from outside: the next job starts another.
      if (this.child !== child) return;
      this.child = undefined;
      this.input = undefined;
    });
    this.child = child;
    this.input = input;
  }
}
