// Lint rules, including the layers of docs/ARCHITECTURE.md as one allow-map (eslint/layers.js): an import that no
// layer allows fails `npm run lint`; and no inline styles in the renderer beyond custom properties and run-time
// geometry (eslint/no-hand-styling.js), nor bare buttons and form controls in the buyer's screens (eslint/kit-controls.js).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint/allowed-imports.js';
import { stylesPlugin } from './eslint/no-hand-styling.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'var/**', 'dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['cloud/**', 'main/**', 'preload/**', 'renderer/**'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/allowed-imports': 'error' },
  },
  {
    // No screen styles itself by hand (eslint/no-hand-styling.js). The back office keeps its own look for now.
    files: ['renderer/**/*.tsx'],
    ignores: ['renderer/modes/admin/**'],
    plugins: { styles: stylesPlugin },
    rules: { 'styles/no-hand-styling': 'error' },
  },
  {
    // Screens build their controls from the kit (eslint/kit-controls.js, its exceptions listed there). The back
    // office keeps its own look for now, as above.
    files: ['renderer/modes/**/*.tsx'],
    ignores: ['renderer/modes/admin/**'],
    plugins: { styles: stylesPlugin },
    rules: { 'styles/kit-controls': 'error' },
  },
);
