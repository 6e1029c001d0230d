import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  jsonDepthExceeds,
  parseAwarenessUpdate,
  parseSyncMessage,
} from './yjs-protocol';

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('content').push([paragraph]);
  return doc;
}

describe('y-protocols messages', () => {
  it('reads what y-protocols writes: step 1, step 2 and update', () => {
    const doc = docWithText('ciao');
    const step1 = parseSyncMessage(encodeSyncStep1(doc));
    expect(step1).toEqual({ type: 'step1', stateVector: Y.encodeStateVector(doc) });

    const step2 = parseSyncMessage(encodeSyncStep2(doc, new Uint8Array([0])));
    expect(step2).toMatchObject({ type: 'step2' });
    const update = parseSyncMessage(encodeUpdateMessage(Y.encodeStateAsUpdate(doc)));
    expect(update).toMatchObject({ type: 'update' });

    const copy = new Y.Doc();
    Y.applyUpdate(copy, (update as { update: Uint8Array }).update);
    expect(copy.getXmlFragment('content').toString()).toBe('<paragraph>ciao</paragraph>');
  });

  it('is byte-compatible with y-protocols writeSyncStep1', () => {
    const doc = docWithText('x');
    const encoder = encoding.createEncoder();
    syncProtocol.writeSyncStep1(encoder, doc);
    expect(encodeSyncStep1(doc)).toEqual(encoding.toUint8Array(encoder));
  });

  it.each([
    ['empty', []],
    ['unknown type', [3, 0]],
    ['truncated payload', [2, 10, 1, 2]],
    ['trailing bytes', [0, 1, 0, 9]],
    ['bad state vector', [0, 2, 5, 1]],
    ['update that is not one', [2, 3, 1, 1, 1]],
  ])('refuses %s', (_name, bytes) => {
    expect(parseSyncMessage(new Uint8Array(bytes))).toEqual({ error: expect.any(String) });
  });

  it('never throws on noise', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 2000; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 80)).map(() => Math.floor(random() * 256));
      expect(() => parseSyncMessage(bytes)).not.toThrow();
      expect(() => parseAwarenessUpdate(bytes, 4)).not.toThrow();
    }
  });

  it('reads awareness updates whole, and refuses bad states and too many clients', () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalStateField('user', { name: 'Alice' });
    const message = encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(parseAwarenessUpdate(message, 4)).toEqual([
      { clientId: doc.clientID, clock: expect.any(Number), state: { user: { name: 'Alice' } } },
    ]);
    expect(parseAwarenessUpdate(message, 0)).toEqual({ error: expect.any(String) });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, '[1,2]');
    expect(parseAwarenessUpdate(encoding.toUint8Array(encoder), 4)).toEqual({ error: expect.any(String) });
    awareness.destroy();
  });
});

describe('jsonDepthExceeds', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepthExceeds('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":{}}]}', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":"[[[[{{{{\\"[["}', 1)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(6000) + ']'.repeat(6000), 16)).toBe(true);
  });
});
