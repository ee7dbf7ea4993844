// A printed ticket's fields as the fulfilment tests draw them (the ticket image and its PNG encoder), in English or
// Arabic.
import type { PrintableTicket } from '../../cloud/domain/documents/printable.ts';

export const sampleTicket = (locale: 'en' | 'ar'): PrintableTicket => ({
  ticketId: '0b7c2f4e-8a1d-4c3b-9e5f-1a2b3c4d5e6f',
  eventName: locale === 'ar' ? 'ليلة الموسيقى' : 'Music Night',
  when: locale === 'ar' ? 'السبت ١٢ ديسمبر ٢٠٢٦، ٢٠:٠٠' : 'Sat 12 Dec 2026, 20:00',
  venue: locale === 'ar' ? 'دار الأوبرا، دبي' : 'Opera House, Dubai',
  place: locale === 'ar' ? 'الصالة · الصف C · المقعد 12' : 'Stalls · Row C · Seat 12',
  tier: 'A',
  ticketType: null,
  requiresCheck: null,
  price: '€45.00',
  holder: 'Ada Lovelace',
  orderCode: 'TB-7K2Q',
  code: 'TB1.signed-code-of-the-ticket',
  doors: locale === 'ar' ? '١٩:٠٠' : '19:00',
  brandColor: '#1a4d8f',
  locale,
});
