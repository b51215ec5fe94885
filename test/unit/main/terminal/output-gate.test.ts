import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createOutputGate,
  MAX_OUTSTANDING_BYTES,
  PAUSE_AT_BYTES,
} from '../../../../src/main/terminal/output-gate';

describe('createOutputGate', () => {
  it('asks for a pause once the unacknowledged bytes reach the pause mark, and only once', () => {
    const gate = createOutputGate(100, 20);
    expect(gate.sent(60)).toBe(false);
    expect(gate.sent(40)).toBe(true);
    expect(gate.paused).toBe(true);
    expect(gate.sent(10)).toBe(false);
    expect(gate.outstanding).toBe(110);
  });

  it('resumes only when the page has caught up to the resume mark', () => {
    const gate = createOutputGate(100, 20);
    gate.sent(100);
    expect(gate.acked(50)).toBe(false);
    expect(gate.acked(30)).toBe(true);
    expect(gate.paused).toBe(false);
    expect(gate.acked(20)).toBe(false);
  });

  it('gives no credit for acknowledging more than was sent', () => {
    const gate = createOutputGate(100, 20);
    gate.sent(10);
    gate.acked(1_000_000);
    expect(gate.outstanding).toBe(0);
    expect(gate.sent(100)).toBe(true);
  });

  it('remembers the most ever outstanding', () => {
    const gate = createOutputGate(100, 20);
    gate.sent(70);
    gate.acked(70);
    gate.sent(30);
    expect(gate.peak).toBe(70);
  });

  it('never lets a stream that pauses when told run past the pause mark plus one engine read', () => {
    // Model: the engine delivers reads of up to 64 KiB while not paused; the page acks whenever it likes.
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.record({ read: fc.integer({ min: 1, max: 64 * 1024 }) }), fc.record({ ack: fc.nat() })),
        ),
        (steps) => {
          const gate = createOutputGate();
          for (const step of steps) {
            if ('read' in step) {
              if (!gate.paused) gate.sent(step.read);
            } else gate.acked(step.ack);
          }
          expect(gate.peak).toBeLessThanOrEqual(MAX_OUTSTANDING_BYTES);
          expect(MAX_OUTSTANDING_BYTES).toBeGreaterThan(PAUSE_AT_BYTES);
        },
      ),
      { seed: 18, numRuns: 300 },
    );
  });
});
