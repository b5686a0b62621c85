// tests/amm/_bitmap_model.ts — an independent model of the pool's 256-bit tick bitmap words.
//
// It stores what the contract stores (a mapping from int16 word to a uint256 of bits) and scans
// bits the way TickBitmap and PoolTicksCounter do, so the sorted-array table can be compared
// against it. Nothing here is shared with lib/amm.

export class BitmapModel {
  readonly words = new Map<number, bigint>();

  constructor(readonly tickSpacing: number) {}

  /** TickBitmap.flipTick for a spaced tick. */
  flip(tick: number): void {
    const compressed = tick / this.tickSpacing;
    if (!Number.isInteger(compressed)) throw new Error(`unspaced tick ${tick}`);
    const wordPos = compressed >> 8;
    const bitPos = compressed & 255;
    this.words.set(wordPos, (this.words.get(wordPos) ?? 0n) ^ (1n << BigInt(bitPos)));
  }

  /** TickBitmap.nextInitializedTickWithinOneWord, scanning the word's bits. */
  nextInitializedTickWithinOneWord(tick: number, lte: boolean): [number, boolean] {
    let compressed = Math.trunc(tick / this.tickSpacing);
    if (tick < 0 && tick % this.tickSpacing !== 0) compressed--;
    if (lte) {
      const wordPos = compressed >> 8;
      const bitPos = compressed & 255;
      const mask = (1n << BigInt(bitPos + 1)) - 1n; // bits at or right of bitPos
      const masked = (this.words.get(wordPos) ?? 0n) & mask;
      if (masked !== 0n) {
        return [(compressed - (bitPos - msb(masked))) * this.tickSpacing, true];
      }
      return [(compressed - bitPos) * this.tickSpacing, false];
    }
    const next = compressed + 1;
    const wordPos = next >> 8;
    const bitPos = next & 255;
    const mask = ((1n << 256n) - 1n) ^ ((1n << BigInt(bitPos)) - 1n); // bits at or left of bitPos
    const masked = (this.words.get(wordPos) ?? 0n) & mask;
    if (masked !== 0n) return [(next + (lsb(masked) - bitPos)) * this.tickSpacing, true];
    return [(next + (255 - bitPos)) * this.tickSpacing, false];
  }

  /**
   * PoolTicksCounter.countInitializedTicksCrossed as in v3-periphery 1.4.4 (the QuoterV2 lineage
   * installed in node_modules/@uniswap/v3-periphery): word by word with masks and popcounts,
   * dropping an initialized end tick when swapping down and an initialized start tick when
   * swapping up.
   */
  countInitializedTicksCrossed(tickBefore: number, tickAfter: number): number {
    const ts = this.tickSpacing;
    // Solidity int24 division truncates; >> 8 floors; uint8(x % 256) keeps the low 8 bits
    const cBefore = Math.trunc(tickBefore / ts);
    const cAfter = Math.trunc(tickAfter / ts);
    const wordPos = cBefore >> 8;
    const bitPos = ((cBefore % 256) + 256) % 256;
    const wordPosAfter = cAfter >> 8;
    const bitPosAfter = ((cAfter % 256) + 256) % 256;
    const afterWord = this.words.get(wordPosAfter) ?? 0n;
    const beforeWord = this.words.get(wordPos) ?? 0n;
    const tickAfterInitialized = (afterWord & (1n << BigInt(bitPosAfter))) > 0n &&
      tickAfter % ts === 0 && tickBefore > tickAfter;
    const tickBeforeInitialized = (beforeWord & (1n << BigInt(bitPos))) > 0n &&
      tickBefore % ts === 0 && tickBefore < tickAfter;
    const [startWord, bitLower, wordHigher, bitHigher] =
      wordPos < wordPosAfter || (wordPos === wordPosAfter && bitPos <= bitPosAfter)
        ? [wordPos, bitPos, wordPosAfter, bitPosAfter]
        : [wordPosAfter, bitPosAfter, wordPos, bitPos];
    const max = (1n << 256n) - 1n;
    let wordLower = startWord;
    let mask = (max << BigInt(bitLower)) & max;
    let count = 0;
    while (wordLower <= wordHigher) {
      if (wordLower === wordHigher) mask &= max >> BigInt(255 - bitHigher);
      count += popcount((this.words.get(wordLower) ?? 0n) & mask);
      wordLower++;
      mask = max;
    }
    return count - (tickAfterInitialized ? 1 : 0) - (tickBeforeInitialized ? 1 : 0);
  }
}

function msb(x: bigint): number {
  return x.toString(2).length - 1;
}

function lsb(x: bigint): number {
  return (x & -x).toString(2).length - 1;
}

function popcount(x: bigint): number {
  let n = 0;
  for (const c of x.toString(2)) if (c === "1") n++;
  return n;
}
