import { NavLink } from 'react-router';

/** The control screens side by side: health, the catalog, manual evidence. */
export function ControlsNav() {
  return (
    <nav className="sub-nav" aria-label="Controls">
      <ul>
        <li>
          <NavLink to="/controls" end>
            Health
          </NavLink>
        </li>
        <li>
          <NavLink to="/controls/catalog">Catalog</NavLink>
        </li>
        <li>
          <NavLink to="/evidence">Manual evidence</NavLink>
        </li>
      </ul>
    </nav>
  );
}
