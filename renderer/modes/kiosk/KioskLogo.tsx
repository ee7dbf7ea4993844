// The venue's logo in the kiosk's header (on the attract screen and every step after it). The kiosk's app:// page
// cannot fetch the API's logo address, so the main process hands the logo over the bridge as a data: URL (checked
// and cached there: main/sync/venue-logos.ts); until it is in, or when there is none, the word mark.
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { VenueLogo, type BrandedVenue } from '../../ui/kit/index.ts';
import { useDevice } from '../device/device-context.ts';

/** The venue and version a logo address names (`/v1/venues/<id>/logo?v=<version>`), or null. */
export function logoVersionOf(logoUrl: string | null | undefined): { version: string } | null {
  if (!logoUrl) return null;
  const version = new URL(logoUrl, 'http://logo.invalid').searchParams.get('v');
  return version && /^[0-9a-f]{1,64}$/.test(version) ? { version } : null;
}

export function KioskLogo({ venue }: { venue: (BrandedVenue & { id: string }) | null }) {
  const t = useT();
  const { client } = useDevice();
  const [logo, setLogo] = useState<{ for: string; dataUrl: string | null } | null>(null);
  const venueId = venue?.id ?? null;
  const version = logoVersionOf(venue?.logoUrl)?.version ?? null;
  const key = venueId && version ? `${venueId}:${version}` : null;
  useEffect(() => {
    if (!venueId || !version) return;
    let live = true;
    client.call('venue:logo', { venueId, version }).then(
      ({ dataUrl }) => live && setLogo({ for: `${venueId}:${version}`, dataUrl }),
      () => {}, // no logo: the word mark stays
    );
    return () => {
      live = false;
    };
  }, [client, venueId, version]);
  const dataUrl = logo && logo.for === key ? logo.dataUrl : null;
  if (venue && dataUrl)
    return (
      <img className="kit-logo kit-logo--md" src={dataUrl} alt={t('common.brand.logoOf', { venue: venue.name })} />
    );
  // Never the API's address, even where the page could reach it: the kiosk shows what the bridge hands over.
  return <VenueLogo venue={venue && { ...venue, logoUrl: null }} />;
}
