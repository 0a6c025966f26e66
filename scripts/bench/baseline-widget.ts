// The widget as a git ref built it (default: e448aeb, the last commit before the widget stopped
// shipping the whole Platform SDK), for figures that compare today's widget with it in the same run
// on the same machine: absolute load times drift on a shared machine, the ratio is the target.
//
// The ref's files come from `git archive` into a temp folder that shares this checkout's
// node_modules, and are built with the ref's own vite.config.ts. So the baseline differs from today's
// build only by the repository's files, not by the installed dependencies.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

export const DEFAULT_BASELINE_REF = 'e448aeb';

export interface BaselineWidget {
  ref: string;
  /** The built widget (index.html and assets/). */
  dir: string;
  remove(): Promise<void>;
}

/** A baseline that could not be built, and why, in words for the bench's output. */
export interface BaselineUnavailable {
  ref: string;
  unavailable: string;
}

export async function buildBaselineWidget(
  root: string,
  ref: string = DEFAULT_BASELINE_REF,
): Promise<BaselineWidget | BaselineUnavailable> {
  const git = (args: string[], options: { cwd?: string } = {}) =>
    spawnSync('git', args, { cwd: options.cwd ?? root, encoding: 'buffer', maxBuffer: 1 << 30 });
  const found = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (found.error || found.status !== 0)
    return {
      ref,
      unavailable:
        `commit ${ref} is not in this clone (a shallow clone?): ` +
        `run \`git fetch --unshallow\`, or name another ref with --baseline-ref`,
    };
  const temp = await mkdtemp(join(tmpdir(), 'av-bench-baseline-'));
  const remove = () => rm(temp, { recursive: true, force: true });
  try {
    const source = join(temp, 'source');
    const archive = git(['archive', '--format=tar', `--prefix=source/`, ref]);
    if (archive.status !== 0) throw new Error(`git archive ${ref}: ${archive.stderr.toString().trim()}`);
    const untar = spawnSync('tar', ['-x', '-C', temp], { input: archive.stdout });
    if (untar.status !== 0) throw new Error(`unpacking ${ref}: ${untar.stderr.toString().trim()}`);
    await symlink(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
    const dir = join(temp, 'widget');
    await build({
      configFile: join(source, 'vite.config.ts'),
      logLevel: 'silent',
      mode: 'production',
      build: { outDir: dir, emptyOutDir: true, sourcemap: false },
    });
    return { ref, dir, remove };
  } catch (error) {
    await remove();
    return { ref, unavailable: `building ${ref} failed: ${(error as Error).message}` };
  }
}

export function isBaselineWidget(b: BaselineWidget | BaselineUnavailable): b is BaselineWidget {
  return 'dir' in b;
}
