// A voice-note stand-in: a sine tone as 16-bit mono PCM WAV, with short fades so it does not click.
export function sineToneWav(options: { frequency: number; seconds: number; sampleRate: number }): Uint8Array {
  const { frequency, seconds, sampleRate } = options;
  const samples = Math.round(seconds * sampleRate);
  const fade = Math.round(sampleRate * 0.05);
  const out = new Uint8Array(44 + samples * 2);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i += 1) out[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i += 1) {
    const envelope = Math.min(1, i / fade, (samples - 1 - i) / fade);
    const value = Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * envelope * 0.5 * 32_767);
    view.setInt16(44 + i * 2, value, true);
  }
  return out;
}
