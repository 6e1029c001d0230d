import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { administers } from '../auth/administers';
import { useAuth } from '../auth/auth-context';
import { usePageTitle } from '../components/usePageTitle';

export function HomePage() {
  const { t } = useTranslation();
  const { member } = useAuth();
  usePageTitle(t('home.title'));
  const cards = [
    { to: '/profilo', title: t('nav.profile'), text: t('home.profile') },
    { to: '/membri', title: t('nav.members'), text: t('home.members') },
    { to: '/enti', title: t('nav.organizations'), text: t('home.organizations') },
    ...(member && administers(member)
      ? [
          {
            to: '/amministrazione',
            title: t('nav.admin'),
            text: member.role === 'admin' ? t('home.admin') : t('home.referentAdmin'),
          },
        ]
      : []),
  ];
  return (
    <>
      <h1 className="mb-2">{t('home.welcome', { name: member?.displayName ?? '' })}</h1>
      <p className="lead mb-4">{t('home.intro')}</p>
      <ul className="row list-unstyled g-4">
        {cards.map((card) => (
          <li key={card.to} className="col-12 col-md-6 col-lg-4">
            <div className="result-card">
              <h2 className="h4">
                <Link to={card.to}>{card.title}</Link>
              </h2>
              <p className="mb-0">{card.text}</p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
