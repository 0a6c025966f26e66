// The sample video. No pure-JS encoder produces WebM/MP4 that Chromium plays, so the clip is made
// once with ffmpeg (Debian: apt-get install ffmpeg) and the result is committed next to the
// sample sources; later runs reuse the committed file and need no ffmpeg.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A 2-second 320×240 VP8/Vorbis WebM of ffmpeg's test pattern with a 440 Hz tone. */
export function videoClip(cachedPath: string): Uint8Array {
  if (!existsSync(cachedPath)) encodeWithFfmpeg(cachedPath);
  return new Uint8Array(readFileSync(cachedPath));
}

function encodeWithFfmpeg(target: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const args = [
    ['-hide_banner', '-loglevel', 'error', '-y'],
    ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15:duration=2'],
    ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=2'],
    ['-c:v', 'libvpx', '-b:v', '120k', '-auto-alt-ref', '0', '-g', '15'],
    ['-c:a', 'libvorbis', '-q:a', '0'],
    // Bit-exact output: no encoder version strings or creation times in the file.
    ['-fflags', '+bitexact', '-flags', '+bitexact', '-map_metadata', '-1'],
    [target],
  ].flat();
  const result = spawnSync('ffmpeg', args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(
      `could not create ${target} with ffmpeg (${result.error?.message ?? result.stderr.trim()}); ` +
        'install it (apt-get install ffmpeg) or restore the committed clip with git checkout',
    );
  }
}
