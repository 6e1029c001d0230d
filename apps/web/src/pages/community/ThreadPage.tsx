import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { PostView } from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useThreadSignals } from '../../realtime/useThreadSignals';
import { communityKeys, fetchSpace, fetchThread, fetchThreadMerge } from './community-api';
import { addPost } from './post-cache';
import { PostList, usePosts } from './PostList';
import { ReplyForm } from './ReplyForm';
import { ThreadModeratorMenu } from './ThreadModeratorMenu';
import { ThreadReaders } from './ThreadReaders';
import { ThreadSubscriptionToggle } from './ThreadSubscriptionToggle';
import { usePostsCache, useThreadLiveUpdates } from './useThreadLiveUpdates';
import { Breadcrumb } from '../../components/Breadcrumb';

/** `/discussioni/:id`: the posts, live; reply, react, edit; who reads and who types. */
export function ThreadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { member } = useAuth();
  const myId = member?.id ?? null;
  const [replyTo, setReplyTo] = useState<PostView | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const signals = useThreadSignals(id, myId);
  const navigate = useNavigate();
  const location = useLocation();
  const mergedFrom = (location.state as { mergedFrom?: unknown } | null)?.mergedFrom;

  const thread = useQuery({
    queryKey: communityKeys.thread(id),
    queryFn: ({ signal }) => fetchThread(id, signal),
  });
  usePageTitle(thread.data?.title ?? t('community.title'));

  const spaceId = thread.data?.spaceId;
  const space = useQuery({
    queryKey: communityKeys.space(spaceId),
    queryFn: ({ signal }) => fetchSpace(spaceId ?? '', signal),
    enabled: spaceId !== undefined,
  });

  // A merged thread stays as a locked stub without posts: ask where its posts went.
  const maybeMerged = thread.data?.locked === true && thread.data.postCount === 0;
  const merge = useQuery({
    queryKey: communityKeys.threadMerge(id),
    queryFn: ({ signal }) => fetchThreadMerge(id, signal),
    enabled: maybeMerged,
    retry: false,
  });
  const mergeTarget = merge.data?.target ?? null;
  const mergedTitle = thread.data?.title;
  useEffect(() => {
    if (mergeTarget) {
      void navigate(`/discussioni/${mergeTarget.id}`, { replace: true, state: { mergedFrom: mergedTitle } });
    }
  }, [mergeTarget, mergedTitle, navigate]);

  const posts = usePosts(id);
  const editPosts = usePostsCache(id);

  const reload = () => {
    void thread.refetch();
    void posts.refetch();
    signals.announceReading();
  };

  useThreadLiveUpdates({
    threadId: id,
    myId,
    title: thread.data?.title,
    signals,
    editPosts,
    reload,
    announce: setAnnouncement,
  });

  if (thread.isError)
    return <ProblemAlert error={toApiError(thread.error)} onRetry={() => void thread.refetch()} />;
  if (thread.isPending) return <Loading />;
  const data = thread.data;
  const canModerate = data.viewer?.canModerate ?? false;

  return (
    <>
      <Breadcrumb
        label={t('community.breadcrumb')}
        links={[
          { to: '/spazi', label: t('community.title') },
          {
            to: `/spazi/${data.spaceId}`,
            label: space.data?.id === data.spaceId ? space.data.name : t('community.backToSpace'),
            className: 'thread-space-link',
          },
        ]}
        className="mb-2"
      />
      <h1 className="mb-2">{data.title}</h1>
      {typeof mergedFrom === 'string' && mergedFrom && (
        <div className="alert alert-info" role="status">
          {t('community.mergedFrom', { title: mergedFrom })}
        </div>
      )}
      {merge.data && (
        <div className="alert alert-warning merged-notice" role="status">
          {merge.data.target ? (
            <>
              {t('community.mergedInto')}{' '}
              <Link to={`/discussioni/${merge.data.target.id}`}>{merge.data.target.title}</Link>
            </>
          ) : (
            t('community.mergedIntoUnreadable')
          )}
        </div>
      )}
      <p className="mb-3">
        {data.pinned && <span className="badge bg-primary me-1">{t('community.pinned')}</span>}
        {data.locked && <span className="badge bg-dark me-1">{t('community.locked')}</span>}
        {data.tags.map((tag) => (
          <span key={tag} className="chip chip-simple chip-sm me-1">
            <span className="chip-label">{tag}</span>
          </span>
        ))}
      </p>
      <div className="row g-4">
        <div className="col-12 col-lg-8">
          <PostList
            threadId={id}
            posts={posts}
            myId={myId}
            locked={data.locked}
            editPosts={editPosts}
            onReply={(post) => {
              setReplyTo(post);
              document.getElementById('reply-body')?.focus();
            }}
          />
          <p className="visually-hidden" role="status" aria-live="polite">
            {announcement}
          </p>
          <ReplyForm
            threadId={id}
            locked={data.locked}
            replyTo={replyTo}
            onCancelReply={() => setReplyTo(null)}
            onTyping={signals.notifyTyping}
            onStopTyping={signals.stopTyping}
            myId={myId}
            onSent={(post) => {
              setReplyTo(null);
              editPosts((d) => addPost(d, post));
            }}
          />
        </div>
        <aside className="col-12 col-lg-4" aria-label={t('community.threadSidebar')}>
          {data.viewer && <ThreadSubscriptionToggle thread={data} />}
          {canModerate && !merge.data && <ThreadModeratorMenu thread={data} onNotice={setAnnouncement} />}
          <ThreadReaders signals={signals} />
        </aside>
      </div>
    </>
  );
}
