// Ported from hadolint test/Hadolint/Rule/DL3049Spec.hs at commit 8f936c5e975d3663b3cce4ac5b3baa3db26b8516
// (see HADOLINT_COMMIT): 19 cases, as DW031 (required labels are set).
import { describe, expect, it } from 'vitest';
import {
  catches,
  catchesNot,
  failsWith,
  onBuildCatches,
  onBuildCatchesNot,
  differs,
  runSpecTable,
} from './hadolint-table';

describe('hadolint DL3049 as DW031: required labels are set', () => {
  const count = runSpecTable({ ruleId: 'DW031', from: null, options: { requiredLabels: ['foo'] } }, [
    catches('FROM baseimage'),
    onBuildCatches('FROM baseimage'),
    catches('FROM baseimage\nLABEL bar="baz"'),
    onBuildCatches('FROM baseimage\nLABEL bar="baz"'),
    catchesNot('FROM baseimage\nLABEL foo="bar"'),
    onBuildCatchesNot('FROM baseimage\nLABEL foo="bar"'),
    differs(
      failsWith(2, 'FROM stage1\nFROM stage2\n'),
      1,
      'Only the last stage is the image a plain docker build makes; other stages never ship, so their labels do not matter.',
    ),
    differs(
      failsWith(2, 'FROM stage1\nLABEL bar="baz"\nFROM stage2\nLABEL buzz="fuzz"\n'),
      1,
      'Only the last stage is the image a plain docker build makes; other stages never ship, so their labels do not matter.',
    ),
    failsWith(1, 'FROM baseimage\nLABEL foo="bar"\nFROM newimage\n'),
    differs(
      failsWith(1, 'FROM baseimage\nFROM newimage\nLABEL foo="bar"\n'),
      0,
      'Only the last stage is the image a plain docker build makes; other stages never ship, so their labels do not matter.',
    ),
    differs(
      failsWith(1, 'FROM baseimage\nLABEL baz="bar"\nFROM newimage\nLABEL foo="bar"\n'),
      0,
      'Only the last stage is the image a plain docker build makes; other stages never ship, so their labels do not matter.',
    ),
    differs(
      failsWith(2, 'FROM baseimage as base\nFROM base\n'),
      1,
      'Only the last stage is the image a plain docker build makes; other stages never ship, so their labels do not matter.',
    ),
    failsWith(0, 'FROM baseimage as base\nFROM base\nLABEL foo="bar"\n'),
    failsWith(0, 'FROM baseimage as base\nFROM anotherimage\nLABEL foo="bar"\nCOPY --from=base /bar /baz\n'),
    differs(
      failsWith(1, 'FROM baseimage as base\nFROM anotherimage\nLABEL foo="bar"\n'),
      0,
      'Only the last stage is the image a plain docker build makes; other stages never ship, so their labels do not matter.',
    ),
    failsWith(0, 'FROM baseimage as base\nLABEL foo="bar"\nFROM base\n'),
    failsWith(
      1,
      'FROM baseimage as base\nFROM newimage\nLABEL foo="bar"\nCOPY --from=base /bar /baz\n\nFROM newimage\nCOPY --from=base /bar /baz\n',
    ),
    failsWith(1, 'FROM baseimage as base\nFROM base\nLABEL foo="bar"\n\nFROM base\n'),
    differs(
      failsWith(1, 'FROM baseimage as base\nFROM base\n\nFROM base\nLABEL foo="bar"\n'),
      0,
      'Only the last stage is the image a plain docker build makes; other stages never ship, so their labels do not matter.',
    ),
  ]);
  it('ports every case of the spec', () => expect(count).toBe(19));
});
