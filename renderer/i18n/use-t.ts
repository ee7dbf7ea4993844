// How a screen reads its words: `const t = useT(); t('checkout.pay', { total })`. Re-renders when the locale changes.
import { useLingui } from '@lingui/react';
import type { MessageDescriptor } from '@lingui/core';

export type Translate = (id: string, values?: Record<string, unknown>) => string;

export function useT(): Translate {
  const { _ } = useLingui();
  return _ as (id: string | MessageDescriptor, values?: Record<string, unknown>) => string;
}
