// The root route: React Aria links go through React Router, and after each navigation focus moves to the new
// page's title, so keyboard and screen-reader users start at the top of what changed.
import { useEffect, useRef } from 'react';
import { RouterProvider as AriaRouterProvider } from 'react-aria-components';
import { Outlet, useHref, useLocation, useNavigate, type NavigateOptions } from 'react-router';

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

export function AppRoot() {
  const navigate = useNavigate();
  useFocusTitleOnNavigation();
  return (
    <AriaRouterProvider navigate={(to, options) => void navigate(to, options)} useHref={useHref}>
      <Outlet />
    </AriaRouterProvider>
  );
}

function useFocusTitleOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let tries = 0;
    // The page may still be loading its code or data; wait for its title a little while.
    const timer = setInterval(() => {
      const title = document.querySelector<HTMLElement>('[data-page-title]');
      if (title || ++tries > 20) {
        clearInterval(timer);
        (title ?? document.getElementById('main'))?.focus({ preventScroll: false });
      }
    }, 50);
    return () => clearInterval(timer);
  }, [pathname]);
}
