// The job reaper (proxy/renditions/job-reaper.ts) against a process that really dies: a child
// registers an open job (a process group and a folder) and an ended one, and is SIGKILLed. The
// open job's processes and folder must go; the ended job's folder must stay (it is no longer ours).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REAPER = join(import.meta.dirname, '..', '..', '..', 'proxy', 'renditions', 'job-reaper.ts');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'job-reaper-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the job reaper', () => {
  it('kills the converter group and removes the folder of a job its process did not end, and only that', async () => {
    const open = join(dir, 'open job');
    const ended = join(dir, 'ended');
    await mkdir(join(open, 'profile'), { recursive: true });
    await mkdir(ended);
    const script = join(dir, 'dies-mid-job.mjs');
    await writeFile(
      script,
      `import { spawn } from 'node:child_process';
import { JobReaper } from ${JSON.stringify(REAPER)};
const reaper = new JobReaper();
const done = reaper.job();
done.path(${JSON.stringify(ended)});
done.done();
const job = reaper.job();
job.path(${JSON.stringify(open)});
// A converter: a process group of its own that ignores its parent's death, as LibreOffice does.
const converter = spawn('sh', ['-c', 'sleep 300 & sleep 300'], { detached: true, stdio: 'ignore' });
job.group(converter.pid);
setTimeout(() => process.stdout.write(converter.pid + '\\n'), 200);
setInterval(() => {}, 1000);
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: join(import.meta.dirname, '..', '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    const group = Number(chunk.toString().trim());
    expect(alive(group)).toBe(true);

    child.kill('SIGKILL');
    await once(child, 'exit');
    const deadline = Date.now() + 5_000;
    while (
      alive(group) ||
      (await stat(open).then(
        () => true,
        () => false,
      ))
    ) {
      if (Date.now() > deadline) throw new Error('the reaper left the job behind');
      await new Promise((r) => setTimeout(r, 50));
    }
    // The whole group went, not just its leader: nothing of it can still write to the folder.
    const { execFileSync } = await import('node:child_process');
    expect(
      execFileSync('ps', ['-eo', 'pgid'])
        .toString()
        .split('\n')
        .map((l) => l.trim()),
    ).not.toContain(String(group));
    expect((await stat(ended)).isDirectory()).toBe(true);
  }, 20_000);
});
