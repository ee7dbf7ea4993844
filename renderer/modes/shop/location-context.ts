// Where the shop is (path and query), shared through context so a navigation re-renders the screens that read it.
import { createContext, useContext } from 'react';

export interface Location {
  path: string;
  query: URLSearchParams;
}

export const currentLocation = (): Location => ({
  path: window.location.pathname,
  query: new URLSearchParams(window.location.search),
});

export const LocationContext = createContext<Location>(currentLocation());

export const useLocation = (): Location => useContext(LocationContext);
