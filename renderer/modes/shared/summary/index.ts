// The order summary every buying screen shows (shop checkout and after, kiosk pay, box-office pay).
export { OrderSummary, type OrderSummaryProps } from './OrderSummary.tsx';
export { loadSectionNames, sectionNameOf, type SectionNames } from './section-names.ts';
export {
  summaryLinesOfHold,
  summaryLinesOfOrder,
  seatPlace,
  standingPlace,
  type SummaryEvent,
  type SummaryLine,
} from './summary-lines.ts';
