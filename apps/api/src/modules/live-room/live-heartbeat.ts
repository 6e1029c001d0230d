import { Injectable } from '@nestjs/common';
import { ConnectionHeartbeat } from '../../common/realtime/connection-heartbeat';
import { Environment } from '../../config/environment';
import { LiveRoomService } from './live-room.service';

/**
 * The live room's clock on each process: every LIVE_HEARTBEAT_SECONDS it confirms the
 * connections this process holds (one UPDATE) and sweeps those nobody confirmed for 2.5 beats,
 * ending those stays at their last heartbeat; it also sweeps once at start-up. On a graceful
 * shutdown this process's members leave.
 */
@Injectable()
export class LiveHeartbeat extends ConnectionHeartbeat {
  constructor(live: LiveRoomService, env: Environment) {
    super(live, env.LIVE_HEARTBEAT_SECONDS, 'live');
  }
}
