/**
 * Messages kept as "Waiting for a local model" are answered once a model is loaded: while the open
 * conversation has one, the chat watches the local model's status and, when it is ready, sends
 * each waiting message again (the same analysis and routing as Retry), once per message.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { Message } from '../../../db';
import { getLocalModel } from '../../../orchestrator/local-model-client';
import { chatRunner } from './chat-runner';

const runnerBusy = () => chatRunner.getSnapshot().busy;

export function useAnswerWhenModelLoads(messages: readonly Message[] | undefined): void {
  const waiting = messages?.find((m) => m.role === 'assistant' && m.status === 'waiting');
  const status = useQuery({
    queryKey: ['chat', 'local-model-status'],
    queryFn: () => getLocalModel().status(),
    enabled: waiting !== undefined,
    refetchInterval: 3_000,
    retry: false,
  });
  const busy = useSyncExternalStore(chatRunner.subscribe, runnerBusy, runnerBusy);
  // Each waiting message is sent again once; if it still cannot be answered, Retry is there.
  const tried = useRef(new Set<string>());
  const ready = status.data?.state === 'ready';

  useEffect(() => {
    if (!waiting || !ready || busy || tried.current.has(waiting.id)) return;
    tried.current.add(waiting.id);
    void chatRunner.retry(waiting);
  }, [waiting, ready, busy]);
}
