import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { deskKeys } from './desk-api';

/** Events often come in bursts (a flag, its notification, the queue's count): one refetch for all. */
const REFETCH_DELAY_MS = 300;

/** A callback that fetches the desk again shortly after the last call, once. */
export function useDeskRefetch(): () => void {
  const client = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void client.invalidateQueries({ queryKey: deskKeys.all });
    }, REFETCH_DELAY_MS);
  }, [client]);
}
