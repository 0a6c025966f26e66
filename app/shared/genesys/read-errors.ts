// What a failed Platform API read means for the person looking, in words that say what to do:
// which permission is missing, or which retention rule removed the data.
import { statusOf } from './sdk-reads.ts';

export interface ReadProblem {
  kind: 'missing-permission' | 'gone' | 'session-expired' | 'rate-limited' | 'unavailable';
  title: string;
  message: string;
}

const PERMISSION_NAMES: Record<string, string> = {
  'recording:recording:view': 'Recording > Recording > View',
  'recording:recordingSegment:view': 'Recording > Recording Segment > View',
  'analytics:conversationDetail:view': 'Analytics > Conversation Detail > View',
  'conversation:communication:view': 'Conversation > Communication > View',
  'conversation:message:view': 'Conversation > Message > View',
  'conversation:webmessaging:view': 'Conversation > Webmessaging > View',
};

/** A permission as the admin UI names it, with its id: "Conversation > Message > View (conversation:message:view)". */
export function permissionLabel(permission: string): string {
  const name = PERMISSION_NAMES[permission];
  return name ? `${name} (${permission})` : permission;
}

export function describeReadError(error: unknown, what: 'conversation' | 'interactions'): ReadProblem {
  const status = statusOf(error);
  const body = (error as { body?: { message?: string; code?: string } } | null)?.body;
  if (status === 401)
    return { kind: 'session-expired', title: 'Session expired', message: 'Sign in again to continue.' };
  if (status === 429)
    return {
      kind: 'rate-limited',
      title: 'Too many requests',
      message: 'Genesys Cloud asked us to slow down. Try again in a minute.',
    };
  if (status === 403) {
    const permission = /\[([a-zA-Z]+:[a-zA-Z]+:[a-zA-Z]+)/.exec(body?.message ?? '')?.[1];
    const needed = permission ? permissionLabel(permission) : undefined;
    return {
      kind: 'missing-permission',
      title: 'Permission missing',
      message: needed
        ? `Your role needs the ${needed} permission to open this. Ask your Genesys Cloud admin.`
        : what === 'interactions'
          ? 'Your role cannot list interactions. It needs Analytics > Conversation Detail > View.'
          : 'Your role cannot read this interaction. Viewing ended interactions needs Recording > Recording > View.',
    };
  }
  if (status === 404)
    return {
      kind: 'gone',
      title: 'Interaction not found',
      message:
        'It does not exist, or it is older than your organization’s recording retention policy and its content was deleted.',
    };
  return {
    kind: 'unavailable',
    title: 'Genesys Cloud unavailable',
    message: 'The interaction could not be read. Try again shortly.',
  };
}
