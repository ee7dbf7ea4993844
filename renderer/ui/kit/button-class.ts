// A kit button's classes, for a link that must look like a button but is not an <a> of LinkButton's (the shop
// router's <Link>).
/** `link`: a button (it acts here) that reads as a link in running text or a header: no box, the accent's colour. */
export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'link';
export type ButtonSize = 'md' | 'lg' | 'touch';

export const buttonClass = (variant: ButtonVariant = 'primary', size: ButtonSize = 'md', extra?: string) =>
  ['kit-button', `kit-button--${variant}`, `kit-button--${size}`, extra].filter(Boolean).join(' ');
