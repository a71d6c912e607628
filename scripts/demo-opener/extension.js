// `npm run demo` loads this folder as a second development extension beside GREEN-API: Link
// WhatsApp. Neither code-server's URL nor VS Code's command line can run a command at start,
// and the product itself starts only when one of its views or commands is asked for, so the
// demo's first screen would be the Explorer. Once the workbench has started this opens the
// GREEN-API view (the view container `greenApi` in package.json), which activates the
// extension and shows the demo instance's row with its "Link phone" button.
'use strict';
const vscode = require('vscode');

/** Opens the GREEN-API view container; VS Code's own command, so the product is asked nothing it would not be by a click. */
module.exports.activate = () => vscode.commands.executeCommand('workbench.view.extension.greenApi');
