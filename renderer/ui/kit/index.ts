// The kit: the components every screen builds with, styled only by the design tokens (renderer/styles/kit.css on
// renderer/styles/tokens.css), accessible and right-to-left safe. Import from here.
import '../../styles/kit.css';

export {
  Button,
  LinkButton,
  buttonClass,
  type ButtonProps,
  type LinkButtonProps,
  type ButtonVariant,
  type ButtonSize,
} from './Button.tsx';
export { Field, TextInput, Select, type FieldProps } from './Field.tsx';
export { Checkbox, Radio, type ChoiceProps } from './Choice.tsx';
export { Tile, type TileProps } from './Tile.tsx';
export { Chip, ChipRow, type ChipProps, type ChipRowProps } from './Chip.tsx';
export { Sheet, type SheetProps } from './Sheet.tsx';
export { Banner, type BannerProps, type Tone } from './Banner.tsx';
export { Toast, ToastProvider, useToast, type ToastApi, type ToastOptions } from './Toast.tsx';
export { Skeleton, type SkeletonProps } from './Skeleton.tsx';
export { Stepper, type StepperProps } from './Stepper.tsx';
export { Card, type CardProps } from './Card.tsx';
export {
  applyBrand,
  useBrand,
  BrandScope,
  VenueLogo,
  brandProperties,
  inkOn,
  contrastRatio,
  type BrandedVenue,
} from './brand.tsx';
