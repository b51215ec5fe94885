import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeContext } from '../support/build-fixtures';
import { dockerCli } from '../support/docker-cli';
import { TEST_PREFIX } from '../support/rig-info';
import { buildTestImage, rigDocker } from '../support/test-images';
import { launchApp, type RunningApp } from './harness/launch-app';

const rig = inject('rig');
const image = `${TEST_PREFIX}/e2e-polish:1`;

/** Left and right edges of an element on the page. */
type Edges = { left: number; right: number };

describe('nothing runs out of its box: wizard chips and lines, the tag dialog title (issue #14)', () => {
  let app: RunningApp;
  let project: string;

  beforeAll(async () => {
    await buildTestImage(rigDocker(rig.dockerHost), image, {
      Dockerfile: [`FROM ${rig.baseImage}`, 'CMD ["true"]', ''].join('\n'),
    });
    // Nothing any stack is detected from: the wizard starts on the custom template.
    project = makeContext({ 'notes.txt': 'ideas for a container\n' });
    app = await launchApp({ env: { DOCKER_HOST: rig.dockerHost }, pickFolder: () => project });
  });
  afterAll(async () => {
    await app?.close();
    await dockerCli(rig.dockerHost, ['image', 'rm', '-f', image]).catch(() => '');
  });

  const edges = async (selector: string): Promise<Edges[]> =>
    app.page.locator(selector).evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return { left: box.left, right: box.right };
      }),
    );

  it('wraps the custom template’s instruction chips and long RUN lines inside their columns', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New Dockerfile', exact: true }).click();
    await page.getByRole('button', { name: 'Choose…' }).click();
    await page.getByTestId('detection').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByTestId('wizard-step').waitFor();
    expect(await page.getByTestId('wizard-step').getAttribute('data-step')).toBe('instructions');

    const [column] = await edges('.wizard-main');
    const chips = await edges('[data-testid="wizard-step"] .keyword-badge');
    expect(chips.length).toBeGreaterThan(10);
    for (const chip of chips) expect(chip.right).toBeLessThanOrEqual(column!.right + 0.5);

    // The preview shows every character of the long RUN line: nothing hidden past its right edge.
    const preview = page.getByTestId('wizard-preview');
    expect(await preview.textContent()).toMatch(/RUN groupadd .* useradd /);
    const overflow = await preview.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The RUN value gets the row's room; the keyword only what it needs.
    const keyword = await page.getByLabel('Instruction 2', { exact: true }).boundingBox();
    const value = await page.getByLabel('Instruction 2 value').boundingBox();
    expect(value!.width).toBeGreaterThan(keyword!.width * 2);
    await app.screenshot('54-wizard-custom-instructions');
  });

  it('titles the tag dialog with the short image id, inside the dialog', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: `Tag ${image}` }).click();
    const dialog = page.getByRole('dialog', { name: /^Tag / });
    const title = (await dialog.locator('h2').textContent()) ?? '';
    expect(title).toMatch(/^Tag image [0-9a-f]{12}$/);
    const [box] = await edges('[role="dialog"]');
    const [heading] = await edges('[role="dialog"] h2');
    expect(heading!.right).toBeLessThanOrEqual(box!.right);
    const overflow = await dialog
      .locator('h2')
      .evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await app.screenshot('40b-tag-dialog-title');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('raised no page error, console error or CSP violation', async () => {
    expect(await app.problems()).toEqual([]);
  });
});
