// The shop's footer: what TicketBoss is, and who runs it.
import { useT } from '../../../i18n/index.ts';

export function SiteFooter() {
  const t = useT();
  return (
    <footer className="site-footer">
      <p className="site-footer__about">{t('shop.footer.about')}</p>
      <p className="site-footer__legal">{t('shop.footer.legal', { year: String(new Date().getFullYear()) })}</p>
    </footer>
  );
}
