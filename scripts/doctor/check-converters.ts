// Renditions, when configured: which converters this machine has (each missing one leaves a kind of
// file without a preview) and whether a converter can be cut off from the network.
import { detectConverters } from '../../proxy/renditions/configured-renditions.ts';
import type { DoctorContext } from './doctor-context.ts';
import type { Finding } from './finding.ts';

export async function checkConverters(context: DoctorContext): Promise<Finding> {
  const id = 'renditions';
  const title = 'Renditions';
  const settings = context.config.renditions;
  if (!settings)
    return {
      id,
      title,
      status: 'skip',
      detail:
        'not configured: Office files, HEIC photos and TIFF scans offer only a download; set RENDITIONS_DIR to preview them',
    };
  const detected = await detectConverters(settings);
  const found = [...detected.versions.values()].join(', ') || 'none';
  if (detected.notes.length === 0)
    return {
      id,
      title,
      status: 'pass',
      detail: `converters: ${found}; network isolation: ${detected.isolateNetwork ? 'yes' : 'off'}`,
    };
  return {
    id,
    title,
    status: detected.versions.size === 0 ? 'fail' : 'warn',
    detail: `converters: ${found}. ${detected.notes.join(' ')}`,
    fix: 'Install what is missing on every proxy (and converter) machine, then restart the proxy.',
  };
}
