/**
 * The system-packages option, shared by the templates whose base image has a package manager.
 */
import type { WizardOption } from '../wizard-template';

/** Option: system packages to install with apt or apk. */
export const PACKAGES_OPTION: WizardOption<{ systemPackages: string[] }> = {
  key: 'systemPackages',
  step: 'packages',
  label: 'System packages',
  help: 'Package names as apt (Debian, Ubuntu) or apk (Alpine) knows them, e.g. curl, libpq-dev.',
  kind: 'list',
  examples: [[], ['curl', 'ca-certificates']],
};
