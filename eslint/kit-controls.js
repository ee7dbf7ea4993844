// `styles/kit-controls`: the buyer's screens (renderer/modes outside the back office) build their controls from the
// kit (renderer/ui/kit): Button or LinkButton, Field with TextInput or Select, Checkbox, Radio, Chip, Tile, Stepper.
// A bare <button>, <input>, <select> or <textarea> there takes its look from the base stylesheet instead, and the
// kit's accessibility (reasons beside disabled buttons, errors tied to fields, focus rings, target sizes) is lost.
//
// Exceptions, each with its reason; a file listed here may use the named elements, nothing else. None today; the rule's
// option `{ exceptions: { path: [elements] } }` adds to them (its test uses it).
// (The events list once kept plain buttons with the kit's classes to keep Button out of the shop's first load; Button
// costs 0.4 KB gzipped there, measured, so it uses Button like every other screen.)
export const EXCEPTIONS = {};

const CONTROLS = new Set(['button', 'input', 'select', 'textarea']);

const KIT = {
  button: 'Button (or LinkButton, Chip, Tile)',
  input: 'TextInput in a Field (or Checkbox, Radio)',
  select: 'Select in a Field',
  textarea: 'a kit component (add one to renderer/ui/kit)',
};

function relativePath(context) {
  const cwd = (context.cwd ?? context.getCwd()).replace(/\\/g, '/');
  const file = (context.filename ?? context.getFilename()).replace(/\\/g, '/');
  return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}

const kitControls = {
  meta: {
    type: 'problem',
    docs: { description: 'Screens use the kit for buttons and form controls, not bare elements' },
    messages: {
      bare: "A bare <{{element}}> in a screen: use the kit's {{kit}} from renderer/ui/kit (see eslint/kit-controls.js).",
    },
    schema: [
      {
        type: 'object',
        properties: {
          exceptions: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const exceptions = { ...EXCEPTIONS, ...(context.options[0]?.exceptions ?? {}) };
    const allowed = new Set(exceptions[relativePath(context)] ?? []);
    return {
      JSXOpeningElement(node) {
        if (node.name.type !== 'JSXIdentifier') return;
        const element = node.name.name;
        if (!CONTROLS.has(element) || allowed.has(element)) return;
        context.report({ node, messageId: 'bare', data: { element, kit: KIT[element] } });
      },
    };
  },
};

export const kitControlsRule = kitControls;
