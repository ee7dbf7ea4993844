// A ticket's QR on screen: the signed code the door scans, drawn with `qrcode` (loaded when the first ticket shows).
// Dark modules on a light plate with a four-module quiet zone in every colour scheme, shown at least 15rem (240 CSS
// px) wide and drawn at three times that, so it stays sharp on dense phone screens and a scanner reads it at the gate.
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import { Skeleton } from '../../../ui/kit/index.ts';

const DRAWN_SIZE = 720;

export function TicketQr({ code, label }: { code: string; label: string }) {
  const t = useT();
  const [image, setImage] = useState<string | 'failed' | null>(null);
  useEffect(() => {
    let current = true;
    import('qrcode')
      .then(({ default: QRCode }) =>
        QRCode.toDataURL(code, { margin: 4, width: DRAWN_SIZE, errorCorrectionLevel: 'M' }),
      )
      .then(
        (url) => current && setImage(url),
        () => current && setImage('failed'),
      );
    return () => {
      current = false;
    };
  }, [code]);
  if (image === 'failed') return <p className="ticket-qr-failed">{t('wallet.ticket.qrFailed')}</p>;
  if (!image) return <Skeleton block decorative className="ticket-qr" />;
  return <img className="ticket-qr" src={image} alt={label} />;
}
