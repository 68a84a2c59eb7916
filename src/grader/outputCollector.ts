/** Keeps the first `limit` bytes of what the learner's code prints, and counts the rest. */
export class OutputCollector {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    const room = this.limit - this.kept;
    if (room <= 0) {
      this.dropped += chunk.length;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(part);
    this.kept += part.length;
    this.dropped += chunk.length - part.length;
  }

  /** Every byte printed, kept or not. */
  get total(): number {
    return this.kept + this.dropped;
  }

  snapshot(): { text: string; truncated: boolean } {
    const text = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped > 0
      ? { text: `${text}\n… ${this.dropped} more bytes of output were cut off`, truncated: true }
      : { text, truncated: false };
  }
}
