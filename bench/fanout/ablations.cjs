// Where a post's fixed cost sits: a preload that takes parts out of the API under bench/fanout, so
// that the same benchmark measures what is left (issue 14's "fixed server CPU per post ≤ 3 ms").
// Never loaded by the product; only by a benchmark run started as
//
//   BENCH_ABLATION=<variant> BENCH_SERVER_NODE_ARGS="-r $PWD/bench/fanout/ablations.cjs" \
//     node -r ts-node/register/transpile-only bench/fanout/run.ts --n 10 --rate 40 --duration 10 --runs 3 --skip-build
//
// Variants (each keeps the HTTP request, its guard, its validation and the broadcast to the room):
//   no-domain      the reply's transaction as it is (START TRANSACTION, the lock with its checks, the
//                  append, the two outbox events, COMMIT), without Markdown, the access decision,
//                  mentions and notifications; the response and the event carry the same post view.
//   one-statement  a cost probe, not a correct reply: the append alone, on a pooled connection
//                  outside any transaction, and its view broadcast with no outbox.
//   no-db          no database at all: a post view of the same size broadcast to the room.
// The bare server loads this file too (the flags go to both): it does nothing outside the API.
'use strict';
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const variant = process.env.BENCH_ABLATION ?? '';
const entry = process.argv[1] ?? '';

if (variant && path.basename(entry) === 'api-under-test.js') {
  const dist = path.join(path.dirname(entry), 'dist/apps/api/src');
  const load = (file) => require(path.join(dist, file));
  const { PostsService } = load('modules/threads/posts.service.js');
  const { ThreadsController } = load('modules/threads/threads.controller.js');
  const { Transactional } = load('database/transactional.js');
  const { toPostView, toThreadView, PUBLIC_VIEWER } = load('modules/threads/threads.mapper.js');

  const plainPost = (threadId, authorId, body) => ({
    threadId,
    authorId,
    body,
    html: body,
    text: body,
    searchTitle: null,
    replyToId: null,
    mentionIds: [],
  });
  const viewOf = (post) => toPostView({ ...post, reactions: [] }, [], new Map(), PUBLIC_VIEWER);
  // Nest routes a handler by metadata on its function (path, method, guards): the stand-in takes it over.
  const replaceHandler = (prototype, name, handler) => {
    for (const key of Reflect.getMetadataKeys(prototype[name])) {
      Reflect.defineMetadata(key, Reflect.getMetadata(key, prototype[name]), handler);
    }
    prototype[name] = handler;
  };
  const publish = (service, room, data) =>
    service.outbox.publisher.publish([
      { id: String(Date.now()), type: 'post.created', room, at: new Date().toISOString(), data },
    ]);

  if (variant === 'no-domain') {
    const descriptor = {
      async value(actor, threadId, dto) {
        const thread = await this.threads.lockForPosting(threadId, actor.id);
        if (!thread) throw new Error(`no thread ${threadId}`);
        const appended = await this.posts.append(plainPost(threadId, actor.id, dto.body));
        const view = viewOf(appended.post);
        await this.outbox.recordAll([
          { room: `thread:${threadId}`, type: 'post.created', data: view },
          {
            room: `space:${appended.thread.spaceId}`,
            type: 'thread.updated',
            data: toThreadView(appended.thread, null),
          },
        ]);
        return view;
      },
      writable: true,
      configurable: true,
    };
    Transactional()(PostsService.prototype, 'create', descriptor);
    PostsService.prototype.create = descriptor.value;
  } else if (variant === 'one-statement') {
    replaceHandler(ThreadsController.prototype, 'reply', async function (member, id, dto) {
      const appended = await this.postsService.posts.append(plainPost(id, member.id, dto.body));
      const view = viewOf(appended.post);
      publish(this.postsService, `thread:${id}`, view);
      return view;
    });
  } else if (variant === 'no-db') {
    replaceHandler(ThreadsController.prototype, 'reply', function (member, id, dto) {
      const at = new Date().toISOString();
      const view = viewOf({
        id: randomUUID(),
        threadId: id,
        spaceId: randomUUID(),
        number: 1,
        authorId: member.id,
        authorName: 'Bench',
        authorOrg: null,
        body: dto.body,
        bodyHtml: `<p>${dto.body}</p>`,
        replyToId: null,
        replyNumber: null,
        mentionIds: [],
        editCount: 0,
        editedAt: null,
        deletedAt: null,
        hiddenAt: null,
        hiddenReason: null,
        createdAt: at,
      });
      publish(this.postsService, `thread:${id}`, view);
      return Promise.resolve(view);
    });
  } else {
    throw new Error(`BENCH_ABLATION: no variant ${variant} (no-domain, one-statement, no-db)`);
  }
  process.stderr.write(`bench ablation: ${variant}\n`);
}
