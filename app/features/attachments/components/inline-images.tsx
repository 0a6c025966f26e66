import { type ReactNode, useId, useState } from 'react';
import { FormattedMessage } from '../../../shared/i18n/messages.ts';
import { attachmentMessages as m } from './messages.ts';

export interface InlineImagesProps {
  count: number;
  /** The inline images' own list, shown once expanded. */
  children: ReactNode;
}

/** A disclosure: "3 inline images", collapsed until the agent asks for them. */
export function InlineImages({ count, children }: InlineImagesProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="inline-images">
      <button
        type="button"
        className="inline-images-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <FormattedMessage {...m.inlineImages} values={{ count }} />
      </button>
      <div id={panelId} hidden={!open}>
        {open ? children : null}
      </div>
    </div>
  );
}
