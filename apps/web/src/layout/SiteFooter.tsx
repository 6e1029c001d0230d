import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Icon } from 'design-react-kit';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="it-footer">
      <div className="it-footer-main">
        <div className="container-xxl">
          <div className="row clearfix">
            <div className="col-sm-12">
              <div className="it-brand-wrapper">
                <Link to="/">
                  <Icon icon="it-pa" color="white" />
                  <div className="it-brand-text">
                    <p className="it-brand-title h2 no_toc mb-0">{t('app.name')}</p>
                    <p className="it-brand-tagline no_toc d-none d-md-block mb-0">{t('app.tagline')}</p>
                  </div>
                </Link>
              </div>
            </div>
          </div>
          <div className="row">
            <div className="col-lg-8 pb-3">
              <p className="text-white mb-0">{t('footer.about')}</p>
            </div>
          </div>
        </div>
      </div>
      <div className="it-footer-small-prints clearfix">
        <div className="container-xxl">
          <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
            <li className="list-inline-item">{t('footer.license')}</li>
            <li className="list-inline-item">{t('footer.accessibility')}</li>
          </ul>
        </div>
      </div>
    </footer>
  );
}
