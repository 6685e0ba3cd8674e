import { expect } from 'chai';
import { ByteSink } from './byte-sink.ts';

describe('ByteSink: text as UTF-8 bytes, a chunk at a time', () => {
  it('hands on chunks of about its size, each whole characters, that decode to the text', () => {
    const chunks: Buffer[] = [];
    const sink = new ByteSink((b) => chunks.push(Buffer.from(b)), 64);
    const texts = Array.from({ length: 200 }, (_, i) => `{"from":"ns-${i}/pod","to":"ünïcødé/✓ 𝒳"}\n`);
    for (const t of texts) sink.text(t);
    sink.flush();
    expect(chunks.length).to.be.greaterThan(20);
    for (const c of chunks) expect(c.toString('utf8'), 'no character split across chunks').to.not.contain('\ufffd');
    expect(chunks.map((c) => c.toString('utf8')).join('')).to.equal(texts.join(''));
    expect(Math.max(...chunks.map((c) => c.length))).to.be.below(64 + 3 * texts[0]!.length);
  });

  it('a text longer than a chunk gets a chunk of its own; flush with nothing held writes nothing', () => {
    const chunks: string[] = [];
    const sink = new ByteSink((b) => chunks.push(Buffer.from(b).toString('utf8')), 8);
    sink.flush();
    sink.text('ab');
    sink.text('x'.repeat(100));
    sink.text('cd');
    sink.flush();
    expect(chunks).to.deep.equal(['ab', 'x'.repeat(100), 'cd']);
  });

  it('never writes again into a chunk it handed on (the reader may keep it)', () => {
    const chunks: Uint8Array[] = [];
    const sink = new ByteSink((b) => chunks.push(b), 4096);
    sink.text('a'.repeat(4096));
    for (let i = 0; i < 10; i++) sink.text('b'.repeat(4096));
    sink.flush();
    expect(Buffer.from(chunks[0]!).toString()).to.equal('a'.repeat(4096));
    expect(chunks.slice(1).every((c) => Buffer.from(c).toString() === 'b'.repeat(4096))).to.equal(true);
  });
});
