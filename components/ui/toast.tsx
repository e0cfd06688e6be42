'use client';

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { cn } from './cn.ts';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastInput {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Milliseconds before it hides itself; errors stay longer by default. */
  duration?: number;
}

interface ToastItem extends Required<Omit<ToastInput, 'description'>> {
  id: number;
  description?: string;
}

interface ToastApi {
  toast: (input: ToastInput) => number;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

const MAX_VISIBLE = 4;

/**
 * Holds the toasts and renders the live regions they are announced through. The regions exist
 * from the first render (a live region added together with its text is often not announced).
 * Errors use an assertive region, everything else a polite one.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((t) => t.id !== id));
  }, []);

  const toast = useCallback((input: ToastInput) => {
    const id = nextId.current++;
    const tone = input.tone ?? 'info';
    const item: ToastItem = {
      id,
      title: input.title,
      description: input.description,
      tone,
      duration: input.duration ?? (tone === 'error' ? 10_000 : 5_000),
    };
    setToasts((current) => [...current, item].slice(-MAX_VISIBLE));
    return id;
  }, []);

  const api = useMemo(() => ({ toast, dismiss }), [toast, dismiss]);
  const polite = toasts.filter((t) => t.tone !== 'error');
  const assertive = toasts.filter((t) => t.tone === 'error');

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section
        aria-label="Notifications"
        className="pointer-events-none fixed right-0 bottom-0 z-50 flex w-full max-w-sm flex-col gap-2 p-4"
      >
        <ol aria-live="assertive" aria-relevant="additions" className="flex flex-col gap-2">
          {assertive.map((t) => (
            <Toast key={t.id} item={t} onDismiss={dismiss} />
          ))}
        </ol>
        <ol aria-live="polite" aria-relevant="additions" className="flex flex-col gap-2">
          {polite.map((t) => (
            <Toast key={t.id} item={t} onDismiss={dismiss} />
          ))}
        </ol>
      </section>
    </ToastContext.Provider>
  );
}

const toneStyles: Record<ToastTone, { icon: typeof Info; className: string }> = {
  info: { icon: Info, className: 'text-accent-600' },
  success: { icon: CircleCheck, className: 'text-emerald-600' },
  error: { icon: CircleAlert, className: 'text-red-600' },
};

function Toast({ item, onDismiss }: { item: ToastItem; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  const { icon: Icon, className } = toneStyles[item.tone];

  // Hovering or focusing the toast pauses its timer, so it can be read and its button reached.
  useEffect(() => {
    if (paused) return;
    const timer = window.setTimeout(() => onDismiss(item.id), item.duration);
    return () => window.clearTimeout(timer);
  }, [paused, item.id, item.duration, onDismiss]);

  return (
    <li
      className="pointer-events-auto flex animate-toast-in items-start gap-3 rounded-card border border-line bg-surface p-3 pr-2 shadow-overlay"
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <Icon aria-hidden className={cn('mt-0.5 size-4 shrink-0', className)} />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-ink">{item.title}</p>
        {item.description ? <p className="mt-0.5 text-sm text-ink-muted">{item.description}</p> : null}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(item.id)}
        className="rounded-control p-1 text-ink-subtle hover:bg-zinc-100 hover:text-ink"
        aria-label={`Dismiss notification: ${item.title}`}
      >
        <X aria-hidden className="size-4" />
      </button>
    </li>
  );
}

/** `const { toast } = useToast(); toast({ title: 'Saved', tone: 'success' })` — inside <ToastProvider>. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider> (app/layout.tsx)');
  return api;
}
