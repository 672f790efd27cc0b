import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NavItem, NavSection } from './navSections';

/**
 * The top menu. On a narrow screen (a 390 px phone) its items scroll sideways: a fade and an arrow button mark each
 * side where more items are, the arrow scrolls a screenful, and the highlighted item is scrolled into view.
 */
export function MainNav({ items, current }: { items: readonly NavItem[]; current: NavSection | null }) {
  const { t } = useTranslation();
  const list = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ start: false, end: false });

  const measure = useCallback(() => {
    const el = list.current;
    if (!el) return;
    // 1 px of slack: zoomed layouts give fractional scroll positions
    const next = { start: el.scrollLeft > 1, end: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 };
    setMore((prev) => (prev.start === next.start && prev.end === next.end ? prev : next));
  }, []);

  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  // the current section's item in view (on a phone it may start off screen)
  useLayoutEffect(() => {
    const el = list.current;
    const active = el?.querySelector<HTMLElement>('[aria-current="page"]');
    if (el && active && (active.offsetLeft < el.scrollLeft || active.offsetLeft + active.offsetWidth > el.scrollLeft + el.clientWidth)) {
      el.scrollLeft = active.offsetLeft - (el.clientWidth - active.offsetWidth) / 2;
    }
    measure();
  }, [current, items, measure]);

  const scrollBy = (direction: 1 | -1) => list.current?.scrollBy({ left: direction * list.current.clientWidth * 0.7, behavior: 'smooth' });

  return (
    <nav className={['nav', more.start ? 'nav--more-start' : '', more.end ? 'nav--more-end' : ''].filter(Boolean).join(' ')} aria-label={t('layout.mainNav')}>
      {/* pointer aids only: the links themselves are reached with Tab, which scrolls them into view */}
      {more.start && (
        <button type="button" className="nav__more nav__more--start" tabIndex={-1} aria-hidden="true" title={t('layout.moreMenuStart')} onClick={() => scrollBy(-1)}>
          ‹
        </button>
      )}
      <div className="nav__list" ref={list} onScroll={measure}>
        {items.map((item) => {
          const active = item.section === current;
          return (
            <Link key={item.to} to={item.to} className={active ? 'nav__link active' : 'nav__link'} aria-current={active ? 'page' : undefined}>
              {t(item.label)}
            </Link>
          );
        })}
      </div>
      {more.end && (
        <button type="button" className="nav__more nav__more--end" tabIndex={-1} aria-hidden="true" title={t('layout.moreMenuEnd')} onClick={() => scrollBy(1)}>
          ›
        </button>
      )}
    </nav>
  );
}
