'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from './cn.ts';

export interface PopoverMenuProps {
  /** What the trigger button shows. */
  trigger: ReactNode;
  /** Accessible name of the trigger when its content is not enough (e.g. "Switch organization"). */
  triggerLabel?: string;
  triggerClassName?: string;
  /** Links and buttons; ArrowUp/ArrowDown move between them. */
  children: ReactNode;
  align?: 'start' | 'end';
  panelClassName?: string;
}

const ITEMS = 'a[href], button:not([disabled])';

/**
 * A disclosure button with a floating panel of links/buttons (the WAI-ARIA disclosure pattern, which
 * suits navigation better than role="menu"). Escape, a click outside or focus leaving closes it;
 * Escape returns focus to the button; choosing an item closes it.
 */
export function PopoverMenu({
  trigger,
  triggerLabel,
  triggerClassName,
  children,
  align = 'start',
  panelClassName,
}: PopoverMenuProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const items = () => Array.from(panelRef.current?.querySelectorAll<HTMLElement>(ITEMS) ?? []);

  const focusItem = (index: number) => {
    const all = items();
    if (all.length === 0) return;
    all[(index + all.length) % all.length]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const all = items();
    const current = all.indexOf(document.activeElement as HTMLElement);
    if (!open) {
      setOpen(true);
      requestAnimationFrame(() => focusItem(event.key === 'ArrowDown' ? 0 : -1));
      return;
    }
    focusItem(current === -1 ? 0 : current + (event.key === 'ArrowDown' ? 1 : -1));
  };

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (open && !rootRef.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={triggerLabel}
        onClick={() => setOpen((o) => !o)}
        className={triggerClassName}
      >
        {trigger}
      </button>
      <div
        ref={panelRef}
        id={panelId}
        hidden={!open}
        onClick={(event) => {
          if ((event.target as HTMLElement).closest(ITEMS)) setOpen(false);
        }}
        className={cn(
          'absolute top-full z-40 mt-1.5 min-w-56 rounded-card border border-line bg-surface p-1 shadow-overlay',
          align === 'end' ? 'right-0' : 'left-0',
          panelClassName,
        )}
      >
        {children}
      </div>
    </div>
  );
}

/** Standard look of an item inside a PopoverMenu panel. */
export const popoverItemClasses =
  'flex w-full items-center gap-2 rounded-control px-2 py-1.5 text-left text-sm text-ink hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:-outline-offset-2';
