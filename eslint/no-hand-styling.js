// `styles/no-hand-styling`: screens take their look from the design tokens and the kit (CSS files on
// renderer/styles/tokens.css), not from inline styles. A `style={{…}}` object may hold only
//   1. CSS custom properties (`'--tier': tier.color`, `'--brand': venue.brandColor`): data handed to the CSS, and
//   2. geometry computed at run time (`left: x`, `transform: \`translate(${dx}px)\``, `height: rows * size`): where
//      a canvas overlay, a tooltip or a virtual list puts a box; never a literal (`width: 200`, `top: '1rem'`).
// Anything else (colours, spacing, fonts, a literal size) belongs in a CSS class. `style={value}` built elsewhere is
// not checked here; an object spread inside a style is refused, since what it spreads cannot be checked.
const GEOMETRY = new Set([
  'width',
  'height',
  'minWidth',
  'minHeight',
  'maxWidth',
  'maxHeight',
  'inlineSize',
  'blockSize',
  'top',
  'left',
  'right',
  'bottom',
  'inset',
  'insetInline',
  'insetInlineStart',
  'insetInlineEnd',
  'insetBlock',
  'insetBlockStart',
  'insetBlockEnd',
  'transform',
  'translate',
  'scale',
  'rotate',
  'transformOrigin',
  'gridColumn',
  'gridRow',
  'gridTemplateColumns',
  'gridTemplateRows',
  'flexBasis',
  'aspectRatio',
]);

/** The object literal a style expression is, through `as CSSProperties`, `satisfies` and `!`; else null. */
function objectOf(node) {
  let current = node;
  while (current && ['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression'].includes(current.type))
    current = current.expression;
  return current?.type === 'ObjectExpression' ? current : null;
}

function keyName(property) {
  if (property.computed) return null;
  if (property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal' && typeof property.key.value === 'string') return property.key.value;
  return null;
}

/** A value written into the source (`12`, `'1rem'`, `-4`, `` `10px` ``) rather than computed when the page runs. */
function isLiteral(node) {
  let current = node;
  while (current && ['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression'].includes(current.type))
    current = current.expression;
  if (!current) return false;
  if (current.type === 'Literal') return true;
  if (current.type === 'TemplateLiteral') return current.expressions.length === 0;
  if (current.type === 'UnaryExpression') return isLiteral(current.argument);
  return false;
}

const noHandStyling = {
  meta: {
    type: 'problem',
    docs: { description: 'Inline styles only for CSS custom properties and run-time geometry' },
    messages: {
      property:
        "Inline style '{{name}}': style with a CSS class on the tokens; an inline style may set only custom properties ('--name') and geometry computed at run time.",
      literal:
        "Inline style '{{name}}' is a fixed value: put it in CSS (a class on the tokens); inline geometry must be computed at run time.",
      spread: 'Inline style spreads an object that cannot be checked: set custom properties or geometry by name.',
    },
    schema: [],
  },
  create(context) {
    return {
      JSXAttribute(attribute) {
        if (attribute.name.name !== 'style' || attribute.value?.type !== 'JSXExpressionContainer') return;
        const object = objectOf(attribute.value.expression);
        if (!object) return;
        for (const property of object.properties) {
          if (property.type !== 'Property') {
            context.report({ node: property, messageId: 'spread' });
            continue;
          }
          const name = keyName(property);
          if (name?.startsWith('--')) continue;
          if (name === null || !GEOMETRY.has(name)) {
            context.report({ node: property, messageId: 'property', data: { name: name ?? '[computed]' } });
            continue;
          }
          if (isLiteral(property.value)) context.report({ node: property, messageId: 'literal', data: { name } });
        }
      },
    };
  },
};

import { kitControlsRule } from './kit-controls.js';

export const stylesPlugin = { rules: { 'no-hand-styling': noHandStyling, 'kit-controls': kitControlsRule } };
