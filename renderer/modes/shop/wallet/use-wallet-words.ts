// The wallet's words are not in the shop's first load (the events list does not need them): the order and account
// pages add the `wallet` area when they open and show their skeleton until its catalog is in.
import { useEffect, useState } from 'react';
import { addAreas, i18n } from '../../../i18n/index.ts';

const loaded = () => 'wallet.retry' in i18n.messages;

export function useWalletWords(): boolean {
  const [ready, setReady] = useState(loaded);
  useEffect(() => {
    if (ready) return;
    let current = true;
    addAreas(['wallet']).then(
      () => current && setReady(true),
      () => current && setReady(true), // a catalog that failed to load shows ids rather than no page at all
    );
    return () => {
      current = false;
    };
  }, [ready]);
  return ready;
}
