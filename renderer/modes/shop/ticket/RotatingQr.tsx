// A ticket's changing QR: a new code every 15 s, signed on this phone (phone-code.ts), drawn with `qrcode` (loaded
// with the first code). Beside it the countdown to the next code as a ring that empties second by second and a
// pulsing dot, so the person at the door sees the code is live and not a picture of one. The code's time is on the
// figure (data-code-time) for tests and support.
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import { Skeleton } from '../../../ui/kit/index.ts';
import { ROTATION_SECONDS, codeTime, rotatingCode, secondsToNextCode } from './phone-code.ts';

const DRAWN_SIZE = 720;
const RING_LENGTH = 100;

/** The time now, updated every second (the page's clock: what tests move). */
function useSecondClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function RotatingQr({
  privateKey,
  credential,
  label,
  onDrawn,
}: {
  privateKey: CryptoKey;
  credential: string;
  label: string;
  onDrawn?: () => void;
}) {
  const t = useT();
  const now = useSecondClock();
  const time = codeTime(now);
  const [drawn, setDrawn] = useState<{ time: number; image: string } | 'failed' | null>(null);
  useEffect(() => {
    let current = true;
    Promise.all([import('qrcode'), rotatingCode(privateKey, credential, time)])
      // Level L: a screen is not torn or smudged like paper, and larger modules read faster at the gate.
      .then(([{ default: QRCode }, code]) =>
        QRCode.toDataURL(code, { margin: 4, width: DRAWN_SIZE, errorCorrectionLevel: 'L' }),
      )
      .then(
        (image) => {
          if (!current) return;
          setDrawn({ time, image });
          onDrawn?.();
        },
        () => current && setDrawn('failed'),
      );
    return () => {
      current = false;
    };
  }, [privateKey, credential, time, onDrawn]);
  if (drawn === 'failed') return <p className="ticket-qr-failed">{t('ticket.bindFailed')}</p>;
  const seconds = secondsToNextCode(now);
  return (
    <figure className="rotating-qr" data-code-time={drawn?.time}>
      {drawn ? (
        <img className="ticket-qr" src={drawn.image} alt={label} />
      ) : (
        <Skeleton block decorative className="ticket-qr" />
      )}
      <figcaption className="rotating-qr-countdown">
        <svg className="rotating-qr-ring" viewBox="0 0 36 36" aria-hidden="true">
          <circle className="rotating-qr-track" cx="18" cy="18" r="15.9155" pathLength={RING_LENGTH} />
          <circle
            className="rotating-qr-left"
            cx="18"
            cy="18"
            r="15.9155"
            pathLength={RING_LENGTH}
            strokeDasharray={RING_LENGTH}
            strokeDashoffset={RING_LENGTH - (seconds / ROTATION_SECONDS) * RING_LENGTH}
          />
          <circle className="rotating-qr-pulse" cx="18" cy="18" r="5" />
        </svg>
        <span>{t('ticket.changesIn', { seconds })}</span>
      </figcaption>
    </figure>
  );
}
