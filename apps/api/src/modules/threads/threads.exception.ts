import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of threads, posts, reactions, flags and search. */
export class ThreadsException extends AppException {
  static threadNotFound(): ThreadsException {
    return new ThreadsException(
      HttpStatus.NOT_FOUND,
      'thread_not_found',
      'Thread not found',
      'No thread has this id',
    );
  }

  static postNotFound(): ThreadsException {
    return new ThreadsException(
      HttpStatus.NOT_FOUND,
      'post_not_found',
      'Post not found',
      'No post has this id',
    );
  }

  static forbidden(detail = 'You are not allowed to do this'): ThreadsException {
    return new ThreadsException(HttpStatus.FORBIDDEN, 'forbidden', 'Forbidden', detail);
  }

  static threadLocked(): ThreadsException {
    return new ThreadsException(
      HttpStatus.LOCKED,
      'thread_locked',
      'Thread locked',
      'A moderator locked this thread: it takes no new posts',
    );
  }

  static suspended(until: Date | null): ThreadsException {
    return new ThreadsException(
      HttpStatus.FORBIDDEN,
      'member_suspended',
      'Suspended',
      until
        ? `You are suspended until ${until.toISOString()}: you can read but not write`
        : 'You are suspended: you can read but not write',
    );
  }

  static deleteWindowPassed(): ThreadsException {
    return new ThreadsException(
      HttpStatus.FORBIDDEN,
      'delete_window_passed',
      'Too late to delete',
      'Authors may delete a post within 24 hours of writing it; ask a moderator to hide it',
    );
  }

  static postGone(): ThreadsException {
    return new ThreadsException(
      HttpStatus.CONFLICT,
      'post_unavailable',
      'Post deleted or hidden',
      'This post was deleted or hidden: it cannot be changed, quoted or reacted to',
    );
  }

  static alreadyHidden(): ThreadsException {
    return new ThreadsException(
      HttpStatus.CONFLICT,
      'post_already_hidden',
      'Already hidden',
      'This post is already hidden',
    );
  }

  static notHidden(): ThreadsException {
    return new ThreadsException(
      HttpStatus.CONFLICT,
      'post_not_hidden',
      'Not hidden',
      'This post is not hidden',
    );
  }

  static alreadyFlagged(): ThreadsException {
    return new ThreadsException(
      HttpStatus.CONFLICT,
      'post_already_flagged',
      'Already flagged',
      'You flagged this post already; moderators have it in their queue',
    );
  }

  /** Flags reach global moderators, who do not read coaching spaces. */
  static coachingFlag(): ThreadsException {
    return new ThreadsException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'coaching_flag',
      'Not in a coaching thread',
      'A coaching thread is private to its working group and tutors: talk to the tutors, or to an administrator',
    );
  }

  static ownPostFlag(): ThreadsException {
    return new ThreadsException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'own_post_flag',
      'Your own post',
      'You cannot flag your own post: edit or delete it instead',
    );
  }

  static notInThread(field: string): ThreadsException {
    return new ThreadsException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'post_not_in_thread',
      'Post of another thread',
      `${field}: no post of this thread has this id`,
      [{ field, message: 'no post of this thread has this id' }],
    );
  }

  static emptyQuery(): ThreadsException {
    return new ThreadsException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid request',
      'q: must contain at least one word',
      [{ field: 'q', message: 'must contain at least one word' }],
    );
  }
}
